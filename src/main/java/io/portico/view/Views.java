package io.portico.view;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.portico.document.Document;
import io.portico.inspection.Inspection;
import io.portico.inspection.InspectionResult;
import io.portico.integration.CheckStatus;
import io.portico.integration.IntegrationCheck;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneDetails.AcceptanceCriterion;
import io.portico.milestone.MilestoneStatus;
import io.portico.review.Reviews;
import io.portico.review.RevisionRounds;
import io.portico.tenant.ApprovalMode;
import io.portico.tenant.Industry;
import io.portico.tenant.MilestoneKind;
import io.portico.view.ProjectView.AgencyView;
import io.portico.view.ProjectView.ConstructionView;
import io.portico.view.ProjectView.DeliverableReview;
import io.portico.view.ProjectView.OnboardingView;
import org.jspecify.annotations.Nullable;

/**
 * Each industry's view of a project, computed from its facts; every sentence is in the
 * tenant's words and speaks of what the viewer may see.
 */
final class Views {

	/** The kind of document that is a lien waiver. */
	static final String LIEN_WAIVER = "lien-waiver";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

	private Views() {
	}

	static ProjectView of(Industry industry, ViewFacts facts) {
		return switch (industry) {
			case CONSTRUCTION -> construction(facts);
			case AGENCY -> agency(facts);
			case SAAS_ONBOARDING -> onboarding(facts);
		};
	}

	static ConstructionView construction(ViewFacts facts) {
		List<Milestone> milestones = facts.schedule().milestones();
		List<Inspection> inspections = milestones.stream()
			.map((m) -> facts.inspections().get(m.id()))
			.filter(Objects::nonNull)
			.toList();
		List<Document> lienWaivers = facts.documents().stream().filter((d) -> LIEN_WAIVER.equals(d.kind())).toList();
		List<Milestone> selectionsDue = milestones.stream()
			.filter((m) -> m.kind() == MilestoneKind.DECISION && !m.completed())
			.toList();
		return new ConstructionView(facts.project(), constructionHeadline(facts), stage(facts), NeedsYou.of(facts),
				facts.schedule().nextMilestone(), inspections, facts.invoices(), lienWaivers, selectionsDue);
	}

	/**
	 * A failed inspection first (nothing moves until it is redone), then what passed and
	 * what is next.
	 */
	private static String constructionHeadline(ViewFacts facts) {
		for (Milestone milestone : facts.schedule().milestones()) {
			Inspection inspection = facts.inspections().get(milestone.id());
			if (!milestone.completed() && inspection != null && inspection.result() == InspectionResult.FAILED) {
				return "The inspection for '" + milestone.name() + "' failed" + on(inspection.inspectedOn())
						+ "; a re-inspection is needed";
			}
		}
		Milestone next = facts.schedule().nextMilestone();
		Inspection nextInspection = (next != null) ? facts.inspections().get(next.id()) : null;
		if (next != null && nextInspection != null && nextInspection.result() == InspectionResult.SCHEDULED) {
			return sinceLast(facts) + "; " + then(facts, next) + " (inspection booked"
					+ ((nextInspection.inspectedOn() != null) ? " for " + DAY.format(nextInspection.inspectedOn()) : "")
					+ ")";
		}
		return sinceLast(facts) + "; " + then(facts, next);
	}

	static AgencyView agency(ViewFacts facts) {
		List<DeliverableReview> reviews = facts.schedule()
			.milestones()
			.stream()
			.filter((m) -> m.kind() == MilestoneKind.REVIEW)
			.map((m) -> new DeliverableReview(m, facts.deliverables().getOrDefault(m.id(), List.of()),
					facts.documents().stream().filter((d) -> m.id().equals(d.milestoneId())).toList(), m.status(),
					rounds(facts, m).round()))
			.toList();
		Milestone current = reviews.stream()
			.map(DeliverableReview::milestone)
			.filter((m) -> !m.completed())
			.findFirst()
			.orElse(reviews.isEmpty() ? null : reviews.get(reviews.size() - 1).milestone());
		RevisionRounds rounds = (current != null) ? rounds(facts, current) : Reviews.NONE;
		return new AgencyView(facts.project(), agencyHeadline(facts, current), stage(facts), NeedsYou.of(facts),
				facts.schedule().nextMilestone(), reviews, rounds);
	}

	/** The review under way first: whose turn it is, and how many rounds are left. */
	private static String agencyHeadline(ViewFacts facts, @Nullable Milestone review) {
		if (review != null && !review.completed()) {
			RevisionRounds rounds = rounds(facts, review);
			String left = "round " + rounds.round() + ", " + rounds.remaining() + " revision round"
					+ ((rounds.remaining() == 1) ? "" : "s") + " left";
			if (review.status() == MilestoneStatus.AWAITING_APPROVAL) {
				boolean yours = facts.viewer().isClient() == (review.approval() == ApprovalMode.CLIENT);
				return "'" + review.name() + "' " + (yours ? "is ready for your review" : "is waiting for review")
						+ " (" + left + ")";
			}
			if (review.status() == MilestoneStatus.CHANGES_REQUESTED) {
				return "'" + review.name() + "': the requested changes are being made (" + left + ")";
			}
		}
		return sinceLast(facts) + "; " + then(facts, facts.schedule().nextMilestone());
	}

	static OnboardingView onboarding(ViewFacts facts) {
		List<Milestone> milestones = facts.schedule().milestones();
		Milestone last = milestones.isEmpty() ? null : milestones.get(milestones.size() - 1);
		LocalDate goLive = (last == null) ? null
				: (last.completedAt() != null) ? last.completedAt().toLocalDate() : facts.schedule().forecast(last);
		List<Milestone> customerTasks = milestones.stream().filter(Milestone::clientOwned).toList();
		return new OnboardingView(facts.project(), onboardingHeadline(facts, goLive, customerTasks), stage(facts),
				NeedsYou.of(facts), facts.schedule().nextMilestone(), goLive, readiness(facts), facts.checks(),
				customerTasks);
	}

	/** The go-live date, then what stands between the customer and it. */
	private static String onboardingHeadline(ViewFacts facts, @Nullable LocalDate goLive, List<Milestone> tasks) {
		if (facts.schedule().nextMilestone() == null && !facts.schedule().milestones().isEmpty()) {
			return "Live since " + DAY.format(goLive);
		}
		String head = (goLive != null) ? "Go-live forecast for " + DAY.format(goLive) : "Go-live not planned yet";
		long failing = facts.checks().stream().filter((c) -> c.status() == CheckStatus.FAILING).count();
		long overdue = tasks.stream()
			.filter((m) -> !m.completed() && m.dueDate() != null && m.dueDate().isBefore(facts.today()))
			.count();
		if (failing > 0) {
			head += "; " + failing + " check" + ((failing == 1) ? "" : "s") + " failing";
		}
		if (overdue > 0) {
			head += "; " + overdue + " "
					+ (facts.viewer().isClient() ? "of your tasks" : "customer task" + ((overdue == 1) ? "" : "s"))
					+ " overdue";
		}
		return (failing > 0 || overdue > 0) ? head : head + "; " + readiness(facts) + "% ready";
	}

	/**
	 * 0-100: each visible milestone counts 1 when completed and up to half while its
	 * acceptance criteria are being met; each check counts 1 while passing. 100 only when
	 * everything is completed and every check passes.
	 */
	static int readiness(ViewFacts facts) {
		double done = 0;
		int units = 0;
		for (Milestone milestone : facts.schedule().milestones()) {
			units++;
			if (milestone.completed()) {
				done += 1;
				continue;
			}
			List<AcceptanceCriterion> criteria = facts.criteria().getOrDefault(milestone.id(), List.of());
			if (!criteria.isEmpty()) {
				done += 0.5 * criteria.stream().filter(AcceptanceCriterion::met).count() / criteria.size();
			}
		}
		for (IntegrationCheck check : facts.checks()) {
			units++;
			done += (check.status() == CheckStatus.PASSING) ? 1 : 0;
		}
		return (units == 0) ? 0 : (int) Math.floor(100 * done / units);
	}

	private static RevisionRounds rounds(ViewFacts facts, Milestone review) {
		return facts.rounds().getOrDefault(review.id(), Reviews.NONE);
	}

	/** The phase under way: the next milestone's. */
	private static @Nullable String stage(ViewFacts facts) {
		Milestone next = facts.schedule().nextMilestone();
		return (next != null) ? next.phase() : null;
	}

	/** The latest completed milestone and its day, or how far the project is. */
	private static String sinceLast(ViewFacts facts) {
		Milestone last = facts.schedule()
			.milestones()
			.stream()
			.filter((m) -> m.completedAt() != null)
			.max(Comparator.comparing(Milestone::completedAt).thenComparing(Milestone::position))
			.orElse(null);
		if (last != null) {
			return last.name() + " on " + DAY.format(last.completedAt());
		}
		LocalDate start = facts.project().startDate();
		return facts.words().project() + (start.isAfter(facts.today()) ? " starts on " + DAY.format(start)
				: " under way since " + DAY.format(start));
	}

	private static String then(ViewFacts facts, @Nullable Milestone next) {
		return (next != null) ? "next: " + next.name()
				: "all " + ChangeSummary.plural(facts.words().milestone().toLowerCase(Locale.ROOT)) + " complete";
	}

	private static String on(@Nullable LocalDate day) {
		return (day != null) ? " on " + DAY.format(day) : "";
	}

}
