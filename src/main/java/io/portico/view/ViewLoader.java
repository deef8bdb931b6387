package io.portico.view;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.billing.BillingService;
import io.portico.changeorder.ChangeOrderService;
import io.portico.document.DocumentService;
import io.portico.inspection.Inspection;
import io.portico.inspection.InspectionService;
import io.portico.integration.IntegrationCheck;
import io.portico.integration.IntegrationChecks;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneDetails.Deliverable;
import io.portico.milestone.MilestoneService;
import io.portico.project.Project;
import io.portico.review.Reviews;
import io.portico.review.RevisionRounds;
import io.portico.shared.Viewer;
import io.portico.tenant.Industry;
import io.portico.tenant.MilestoneKind;
import io.portico.tenant.TenantConfig;
import io.portico.tenant.TenantRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads what the views of a set of projects are computed from, through each feature's own
 * service and so through the viewer's lens: a fixed number of statements for any number
 * of projects (the schedules, criteria, invoices, change orders and documents, then what
 * the tenant's industry adds).
 */
@Component
class ViewLoader {

	private final TenantRegistry tenants;

	private final MilestoneService milestones;

	private final BillingService billing;

	private final ChangeOrderService changeOrders;

	private final DocumentService documents;

	private final InspectionService inspections;

	private final Reviews reviews;

	private final IntegrationChecks checks;

	private final Clock clock;

	ViewLoader(TenantRegistry tenants, MilestoneService milestones, BillingService billing,
			ChangeOrderService changeOrders, DocumentService documents, InspectionService inspections, Reviews reviews,
			IntegrationChecks checks, Clock clock) {
		this.tenants = tenants;
		this.milestones = milestones;
		this.billing = billing;
		this.changeOrders = changeOrders;
		this.documents = documents;
		this.inspections = inspections;
		this.reviews = reviews;
		this.checks = checks;
		this.clock = clock;
	}

	Industry industry(Viewer viewer) {
		return config(viewer).industry();
	}

	Mono<Map<UUID, ViewFacts>> load(Viewer viewer, List<Project> projects) {
		List<UUID> ids = projects.stream().map(Project::id).toList();
		Industry industry = industry(viewer);
		return this.milestones.schedules(ids).flatMap((schedules) -> {
			List<Milestone> all = schedules.values().stream().flatMap((s) -> s.milestones().stream()).toList();
			return Mono
				.zip(this.milestones.criteria(all.stream().map(Milestone::id).toList()), this.billing.byProjects(ids),
						this.changeOrders.byProjects(ids), this.documents.byProjects(ids), inspections(industry, all),
						rounds(industry, all), deliverables(industry, all), checks(industry, ids))
				.map((loaded) -> {
					TenantConfig.Vocabulary words = config(viewer).vocabulary();
					LocalDate today = LocalDate.now(this.clock);
					Map<UUID, ViewFacts> facts = new HashMap<>();
					for (Project project : projects) {
						UUID id = project.id();
						facts.put(id, new ViewFacts(project, viewer, words, today, schedules.get(id), loaded.getT1(),
								loaded.getT2().getOrDefault(id, List.of()), loaded.getT3().getOrDefault(id, List.of()),
								loaded.getT4().getOrDefault(id, List.of()), loaded.getT5(), loaded.getT6(),
								loaded.getT7(), loaded.getT8().getOrDefault(id, List.of())));
					}
					return facts;
				});
		});
	}

	private Mono<Map<UUID, Inspection>> inspections(Industry industry, List<Milestone> milestones) {
		return (industry == Industry.CONSTRUCTION) ? this.inspections.current(milestones) : Mono.just(Map.of());
	}

	private Mono<Map<UUID, RevisionRounds>> rounds(Industry industry, List<Milestone> milestones) {
		return (industry == Industry.AGENCY) ? this.reviews.rounds(milestones) : Mono.just(Map.of());
	}

	private Mono<Map<UUID, List<Deliverable>>> deliverables(Industry industry, List<Milestone> milestones) {
		return (industry == Industry.AGENCY) ? this.milestones.deliverables(ofKind(milestones, MilestoneKind.REVIEW))
				: Mono.just(Map.of());
	}

	private Mono<Map<UUID, List<IntegrationCheck>>> checks(Industry industry, List<UUID> projectIds) {
		return (industry == Industry.SAAS_ONBOARDING) ? this.checks.latest(projectIds) : Mono.just(Map.of());
	}

	private static Collection<UUID> ofKind(List<Milestone> milestones, MilestoneKind kind) {
		return milestones.stream().filter((m) -> m.kind() == kind).map(Milestone::id).toList();
	}

	private TenantConfig config(Viewer viewer) {
		return this.tenants.byId(viewer.tenantId()).config();
	}

}
