package io.portico.view;

import java.time.LocalDate;
import java.util.List;

import io.portico.billing.Invoice;
import io.portico.document.Document;
import io.portico.inspection.Inspection;
import io.portico.integration.IntegrationCheck;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneDetails.Deliverable;
import io.portico.milestone.MilestoneStatus;
import io.portico.project.Project;
import io.portico.review.RevisionRounds;
import org.jspecify.annotations.Nullable;

/**
 * What a portal shows first, typed by the tenant's industry; the GraphQL type of each is
 * its record's name.
 */
sealed interface ProjectView permits ProjectView.ConstructionView, ProjectView.AgencyView, ProjectView.OnboardingView {

	Project project();

	/** One sentence a client understands, in the tenant's words. */
	String headline();

	/** The phase under way. */
	@Nullable String stage();

	/** What waits on this viewer. */
	List<ActionItem> needsYou();

	/** The next milestone the viewer may see. */
	@Nullable Milestone nextStep();

	/** The homeowner's view: inspections, draws, lien waivers, selections. */
	record ConstructionView(Project project, String headline, @Nullable String stage, List<ActionItem> needsYou,
			@Nullable Milestone nextStep, List<Inspection> inspections, List<Invoice> draws, List<Document> lienWaivers,
			List<Milestone> selectionsDue) implements ProjectView {
	}

	/** The agency client's view: deliverable reviews and the rounds left. */
	record AgencyView(Project project, String headline, @Nullable String stage, List<ActionItem> needsYou,
			@Nullable Milestone nextStep, List<DeliverableReview> reviews,
			RevisionRounds revisionRounds) implements ProjectView {
	}

	/** The SaaS customer's view: the path to go-live. */
	record OnboardingView(Project project, String headline, @Nullable String stage, List<ActionItem> needsYou,
			@Nullable Milestone nextStep, @Nullable LocalDate goLiveDate, int readiness, List<IntegrationCheck> checks,
			List<Milestone> customerTasks) implements ProjectView {
	}

	/** A review milestone with what was handed over for it and the round it is in. */
	record DeliverableReview(Milestone milestone, List<Deliverable> deliverables, List<Document> documents,
			MilestoneStatus status, int round) {
	}

}
