package io.portico.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.portico.database.DemoMode;
import io.portico.database.TenantDatabase;
import io.portico.content.ContentService;
import io.portico.document.DocumentService;
import io.portico.inspection.InspectionResult;
import io.portico.inspection.InspectionService;
import io.portico.integration.CheckStatus;
import io.portico.integration.IntegrationChecks;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.project.Project;
import io.portico.project.ProjectService;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.ApprovalMode;
import io.portico.tenant.Tenant;
import io.portico.tenant.TenantConfig;
import io.portico.tenant.TenantRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * In demo mode, gives each tenant with a {@code demo} section its client accounts and
 * projects once, walked through the real workflow (so sign-offs and the activity feed are
 * real too). The tenant row remembers that it was seeded; later starts skip it.
 */
@Component
@Order(10)
class DemoSeeder implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoSeeder.class);

	private final DemoMode demo;

	private final TenantRegistry tenants;

	private final TenantDatabase database;

	private final DatabaseClient client;

	private final ProjectService projects;

	private final MilestoneService milestones;

	private final DocumentService documents;

	private final ContentService content;

	private final InspectionService inspections;

	private final IntegrationChecks checks;

	private final Clock clock;

	DemoSeeder(DemoMode demo, TenantRegistry tenants, TenantDatabase database, DatabaseClient client,
			ProjectService projects, MilestoneService milestones, DocumentService documents, ContentService content,
			InspectionService inspections, IntegrationChecks checks, Clock clock) {
		this.inspections = inspections;
		this.checks = checks;
		this.documents = documents;
		this.content = content;
		this.demo = demo;
		this.tenants = tenants;
		this.database = database;
		this.client = client;
		this.projects = projects;
		this.milestones = milestones;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.demo.enabled()) {
			return;
		}
		Flux.fromIterable(this.tenants.all())
			.filter((tenant) -> tenant.config().demo() != null)
			.concatMap(this::seedOnce)
			.blockLast();
	}

	/**
	 * Claims the tenant's seeding and seeds it, in one transaction: killed half-way, the
	 * next start finds nothing seeded and nothing claimed, and seeds it once. The claim's
	 * row lock makes a second instance starting at the same time wait, then skip.
	 */
	private Mono<Void> seedOnce(Tenant tenant) {
		Viewer staff = Viewer.system(tenant.id(), tenant.slug());
		return this.database.one(staff,
				() -> this.client
					.sql("UPDATE tenant SET demo_seeded_at = now() WHERE tenant_id = :t AND demo_seeded_at IS NULL")
					.bind("t", tenant.id())
					.fetch()
					.rowsUpdated()
					.filter((claimed) -> claimed > 0)
					.flatMap((claimed) -> seed(tenant, staff))
					.then());
	}

	private Mono<Void> seed(Tenant tenant, Viewer staff) {
		TenantConfig.Demo demo = tenant.config().demo();
		LocalDate today = LocalDate.now(this.clock);
		return Flux.fromIterable(demo.clients())
			.concatMap((c) -> this.projects.saveClientAccount(c.id(), c.name()))
			.thenMany(Flux.fromIterable(demo.projects()).index())
			.concatMap((p) -> this.projects
				.createProject(p.getT2().template(), p.getT2().name(), p.getT2().client(),
						today.minusDays(p.getT2().startedDaysAgo()), null, p.getT2().contractValue())
				.flatMap((project) -> record(project, p.getT2(), today).then(advance(tenant, project, p.getT2()))
					.then((p.getT1() == 0) ? attachFile(tenant, staff, project) : Mono.empty())))
			.then()
			.contextWrite(CurrentViewer.as(staff))
			.doOnSuccess((v) -> logger.info("Seeded demo data for tenant " + tenant.slug()));
	}

	/**
	 * The inspection results and check reports the project starts with, recorded before
	 * its walk (a required check must pass before its milestone completes).
	 */
	private Mono<Void> record(Project project, TenantConfig.DemoProject plan, LocalDate today) {
		if (plan.inspections().isEmpty() && plan.checks().isEmpty()) {
			return Mono.empty();
		}
		return this.milestones.byProjects(List.of(project.id())).flatMap((byProject) -> {
			Map<String, String> ids = new HashMap<>();
			byProject.getOrDefault(project.id(), List.of()).forEach((m) -> ids.put(m.key(), m.id().toString()));
			return Flux.fromIterable(plan.inspections())
				.concatMap((i) -> this.inspections.record(ids.get(i.milestone()), null,
						InspectionResult.valueOf(i.result()), today.plusDays(i.day()), null))
				.thenMany(Flux.fromIterable(plan.checks()))
				.concatMap((c) -> this.checks.record(project.id().toString(), c.name(), CheckStatus.valueOf(c.status()),
						c.detail(), (c.milestone() != null) ? ids.get(c.milestone()) : null))
				.then();
		});
	}

	/**
	 * Completes milestones in order through {@code completedThrough}, then starts the
	 * next and has its approver ask for changes {@code changeRequests} times.
	 */
	private Mono<Void> advance(Tenant tenant, Project project, TenantConfig.DemoProject plan) {
		if (plan.completedThrough() == null) {
			return Mono.empty();
		}
		Viewer client = new Viewer(tenant.id(), tenant.slug(), "demo@" + project.clientAccountId(), null, Role.CLIENT,
				project.clientAccountId(), List.of());
		return this.milestones.byProjects(List.of(project.id())).flatMap((byProject) -> {
			List<Milestone> ordered = byProject.getOrDefault(project.id(), List.of());
			int last = ordered.stream().map(Milestone::key).toList().indexOf(plan.completedThrough());
			return Flux.fromIterable(ordered.subList(0, last + 1))
				.concatMap((m) -> complete(m, client))
				.then((last + 1 < ordered.size()) ? this.milestones.start(ordered.get(last + 1).id().toString(), null)
					.onErrorResume((ex) -> Mono.empty())
					.then(requestChanges(ordered.get(last + 1), plan.changeRequests(), client)) : Mono.empty());
		});
	}

	/** Rounds of review: submitted, sent back by its approver, submitted again. */
	private Mono<Void> requestChanges(Milestone milestone, int times, Viewer client) {
		if (times == 0) {
			return Mono.empty();
		}
		String id = milestone.id().toString();
		Mono<Milestone> sentBack = this.milestones.requestChanges(id, null, "Another pass, please");
		Mono<Milestone> round = this.milestones.submit(id, null, "Ready for review")
			.then((milestone.approval() == ApprovalMode.CLIENT) ? sentBack.contextWrite(CurrentViewer.as(client))
					: sentBack);
		return Flux.range(0, times)
			.concatMap((n) -> round)
			.then(this.milestones.submit(id, null, "Revised as asked"))
			.then();
	}

	private Mono<Milestone> complete(Milestone milestone, Viewer client) {
		String id = milestone.id().toString();
		Mono<Milestone> started = this.milestones.start(id, null).flatMap((m) -> criteriaMet(m).thenReturn(m));
		if (milestone.approval() == ApprovalMode.NONE) {
			return started.then(this.milestones.complete(id, null));
		}
		Mono<Milestone> submitted = started.then(this.milestones.submit(id, null, "Ready for review"));
		Mono<Milestone> approve = this.milestones.approve(id, null, "Looks good");
		return submitted.then((milestone.approval() == ApprovalMode.CLIENT)
				? approve.contextWrite(CurrentViewer.as(client)) : approve);
	}

	/**
	 * The first demo project gets a real file, tied to the milestone that releases it
	 * (still ahead in the demo, so the walk-through unlocks it).
	 */
	private Mono<Void> attachFile(Tenant tenant, Viewer staff, Project project) {
		DemoFiles file = DemoFiles.of(tenant.config().industry(), project.name());
		return this.milestones.byProjects(List.of(project.id()))
			.mapNotNull((byProject) -> byProject.getOrDefault(project.id(), List.of())
				.stream()
				.filter((m) -> file.milestone().equals(m.key()))
				.findFirst()
				.orElse(null))
			.flatMap((milestone) -> this.documents.attach(project.id().toString(), milestone.id().toString(),
					file.name(), file.kind(), null, null))
			.flatMap((document) -> this.content.addVersion(staff, document.id(),
					Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(file.bytes()))))
			.then();
	}

	/** Staff mark every acceptance criterion met, as the work would have shown. */
	private Mono<Void> criteriaMet(Milestone milestone) {
		return this.milestones.criteria(List.of(milestone.id()))
			.flatMapMany((criteria) -> Flux.fromIterable(criteria.getOrDefault(milestone.id(), List.of())))
			.concatMap((criterion) -> this.milestones.setCriterionMet(criterion.id().toString(), true,
					"Reviewed and confirmed", null))
			.then();
	}

}
