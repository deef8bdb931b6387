package io.portico.milestone;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.portico.database.Sql;
import io.portico.milestone.MilestoneDetails.AcceptanceCriterion;
import io.portico.milestone.MilestoneDetails.Deliverable;
import io.portico.milestone.MilestoneDetails.SignOff;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.ApprovalMode;
import io.portico.tenant.MilestoneKind;
import io.portico.tenant.TenantConfig;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Milestone SQL. Every statement names the tenant even though row-level security guards
 * it too; every read takes a set of ids so callers batch by construction. Must run inside
 * a {@code TenantDatabase} transaction.
 */
@Repository
class MilestoneRepository {

	private static final String COLUMNS = """
			id, project_id, key, name, phase, position, description, status, approval, due_date,
			started_at, completed_at, owner_team, client_visible, locks_scope, version, kind, planned_date
			""";

	private final DatabaseClient client;

	MilestoneRepository(DatabaseClient client) {
		this.client = client;
	}

	Flux<Milestone> byIds(Viewer viewer, Collection<UUID> ids) {
		return this.client.sql("SELECT " + COLUMNS + " FROM milestone WHERE tenant_id = :tenant AND id = ANY(:ids)")
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new))
			.map(MilestoneRepository::milestone)
			.all();
	}

	Flux<Milestone> byProjects(Viewer viewer, Collection<UUID> projectIds) {
		return this.client.sql("SELECT " + COLUMNS + """
				FROM milestone WHERE tenant_id = :tenant AND project_id = ANY(:ids)
				ORDER BY project_id, position
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", projectIds.toArray(UUID[]::new))
			.map(MilestoneRepository::milestone)
			.all();
	}

	/** Locks the row for the rest of the transaction: concurrent writers queue here. */
	Mono<Milestone> lock(Viewer viewer, UUID id) {
		return this.client
			.sql("SELECT " + COLUMNS + " FROM milestone WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.bind("tenant", viewer.tenantId())
			.bind("id", id)
			.map(MilestoneRepository::milestone)
			.one();
	}

	/** Dependency edges (milestone id, depends-on id) of the given milestones. */
	Flux<UUID[]> dependencies(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("""
				SELECT milestone_id, depends_on_id FROM milestone_dependency
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map((row) -> new UUID[] { row.get("milestone_id", UUID.class), row.get("depends_on_id", UUID.class) })
			.all();
	}

	/**
	 * Incomplete dependencies, seen past the client lens: a client finishing its own work
	 * must still wait for internal milestones it cannot see.
	 */
	Flux<Blocker> incompleteDependencies(UUID milestoneId) {
		return this.client.sql("SELECT id, key, name, status FROM portico_incomplete_dependencies(:id)")
			.bind("id", milestoneId)
			.map((row) -> new Blocker(row.get("id", UUID.class), row.get("key", String.class),
					row.get("name", String.class), MilestoneStatus.valueOf(row.get("status", String.class))))
			.all();
	}

	/** A dependency that keeps a milestone from starting. */
	record Blocker(UUID id, @Nullable String key, String name, MilestoneStatus status) {
	}

	private static final String CRITERION_COLUMNS = "id, milestone_id, text, met, evidence, document_id, met_by, met_at";

	private static final String DELIVERABLE_COLUMNS = "id, milestone_id, name, url, document_id, submitted_at, submitted_by";

	Flux<AcceptanceCriterion> criteria(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("SELECT " + CRITERION_COLUMNS + """
				 FROM acceptance_criterion
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				ORDER BY milestone_id, position
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map(MilestoneRepository::criterion)
			.all();
	}

	/** The milestone a criterion belongs to, if the viewer may see it. */
	Mono<UUID> criterionMilestone(Viewer viewer, UUID criterionId) {
		return this.client.sql("SELECT milestone_id FROM acceptance_criterion WHERE tenant_id = :tenant AND id = :id")
			.bind("tenant", viewer.tenantId())
			.bind("id", criterionId)
			.map((row) -> row.get("milestone_id", UUID.class))
			.one();
	}

	/**
	 * The criteria that keep a milestone from completing: unmet ones, unless its template
	 * made them advisory.
	 */
	Flux<AcceptanceCriterion> blockingCriteria(Viewer viewer, UUID milestoneId) {
		return this.client.sql("""
				SELECT c.id, c.milestone_id, c.text, c.met, c.evidence, c.document_id, c.met_by, c.met_at
				FROM acceptance_criterion c
				JOIN milestone m ON m.tenant_id = c.tenant_id AND m.id = c.milestone_id
				WHERE c.tenant_id = :tenant AND c.milestone_id = :id AND NOT c.met AND NOT m.criteria_advisory
				ORDER BY c.position
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", milestoneId)
			.map(MilestoneRepository::criterion)
			.all();
	}

	Mono<AcceptanceCriterion> markCriterion(Viewer viewer, UUID criterionId, boolean met, @Nullable String evidence,
			@Nullable UUID documentId) {
		return this.client.sql("""
				UPDATE acceptance_criterion
				SET met = :met, evidence = :evidence, document_id = :document,
				    met_by = CASE WHEN :met THEN CAST(:by AS text) END, met_at = CASE WHEN :met THEN now() END
				WHERE tenant_id = :tenant AND id = :id
				RETURNING
				""" + CRITERION_COLUMNS)
			.bind("met", met)
			.bind("evidence", Sql.nullable(evidence, String.class))
			.bind("document", Sql.nullable(documentId, UUID.class))
			.bind("by", viewer.subject())
			.bind("tenant", viewer.tenantId())
			.bind("id", criterionId)
			.map(MilestoneRepository::criterion)
			.one();
	}

	Mono<AcceptanceCriterion> addCriterion(Viewer viewer, UUID milestoneId, String text) {
		return this.client.sql("""
				INSERT INTO acceptance_criterion (tenant_id, id, milestone_id, position, text)
				SELECT :tenant, :id, :milestone, coalesce(max(position), 0) + 1, :text
				FROM acceptance_criterion WHERE tenant_id = :tenant AND milestone_id = :milestone
				RETURNING
				""" + CRITERION_COLUMNS)
			.bind("tenant", viewer.tenantId())
			.bind("id", UUID.randomUUID())
			.bind("milestone", milestoneId)
			.bind("text", text)
			.map(MilestoneRepository::criterion)
			.one();
	}

	Flux<Deliverable> deliverables(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("SELECT " + DELIVERABLE_COLUMNS + """
				 FROM deliverable
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				ORDER BY milestone_id, submitted_at NULLS LAST, name
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map(MilestoneRepository::deliverable)
			.all();
	}

	Flux<Deliverable> deliverablesByIds(Viewer viewer, Collection<UUID> ids) {
		return this.client
			.sql("SELECT " + DELIVERABLE_COLUMNS + " FROM deliverable WHERE tenant_id = :tenant AND id = ANY(:ids)")
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new))
			.map(MilestoneRepository::deliverable)
			.all();
	}

	Mono<Deliverable> submitDeliverable(Viewer viewer, UUID milestoneId, String name, @Nullable String url,
			@Nullable UUID documentId) {
		return this.client
			.sql("""
					INSERT INTO deliverable (tenant_id, id, milestone_id, name, url, document_id, submitted_at, submitted_by)
					VALUES (:tenant, :id, :milestone, :name, :url, :document, now(), :by)
					RETURNING
					"""
					+ DELIVERABLE_COLUMNS)
			.bind("tenant", viewer.tenantId())
			.bind("id", UUID.randomUUID())
			.bind("milestone", milestoneId)
			.bind("name", name)
			.bind("url", Sql.nullable(url, String.class))
			.bind("document", Sql.nullable(documentId, UUID.class))
			.bind("by", viewer.subject())
			.map(MilestoneRepository::deliverable)
			.one();
	}

	/** Whether the document is one of the project's that the viewer may see. */
	Mono<Boolean> documentOfProject(Viewer viewer, UUID documentId, UUID projectId) {
		return this.client.sql("""
				SELECT EXISTS (SELECT FROM document WHERE tenant_id = :tenant AND id = :id AND project_id = :project)
				    AS found
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", documentId)
			.bind("project", projectId)
			.map((row) -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
			.one();
	}

	/** Counts a change to what hangs off a milestone as a change of the milestone. */
	Mono<Milestone> touch(Viewer viewer, Milestone milestone) {
		return this.client
			.sql("UPDATE milestone SET version = version + 1, updated_at = now() "
					+ "WHERE tenant_id = :tenant AND id = :id AND version = :version RETURNING " + COLUMNS)
			.bind("tenant", viewer.tenantId())
			.bind("id", milestone.id())
			.bind("version", milestone.version())
			.map(MilestoneRepository::milestone)
			.one();
	}

	/** When the project's scope was locked; empty while it is open. */
	Mono<OffsetDateTime> scopeLockedAt(Viewer viewer, UUID projectId) {
		return this.client.sql("SELECT scope_locked_at FROM project WHERE tenant_id = :tenant AND id = :id")
			.bind("tenant", viewer.tenantId())
			.bind("id", projectId)
			.map((row) -> Optional.ofNullable(row.get("scope_locked_at", OffsetDateTime.class)))
			.one()
			.flatMap(Mono::justOrEmpty);
	}

	/** Locks the project's scope unless it is locked already; answers whether it did. */
	Mono<Boolean> lockScope(Viewer viewer, UUID projectId, UUID milestoneId, OffsetDateTime at) {
		return this.client.sql("""
				UPDATE project SET scope_locked_at = :at, scope_locked_by = :milestone
				WHERE tenant_id = :tenant AND id = :id AND scope_locked_at IS NULL
				""")
			.bind("at", at)
			.bind("milestone", milestoneId)
			.bind("tenant", viewer.tenantId())
			.bind("id", projectId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/** The template a project was created from, if any. */
	Mono<Optional<String>> templateKey(Viewer viewer, UUID projectId) {
		return this.client.sql("SELECT template_key FROM project WHERE tenant_id = :tenant AND id = :id")
			.bind("tenant", viewer.tenantId())
			.bind("id", projectId)
			.map((row) -> Optional.ofNullable(row.get("template_key", String.class)))
			.one();
	}

	Flux<SignOff> signOffs(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("""
				SELECT milestone_id, signed_by, role, signed_at, note FROM sign_off
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map((row) -> new SignOff(row.get("milestone_id", UUID.class), row.get("signed_by", String.class),
					Role.valueOf(row.get("role", String.class)), row.get("signed_at", OffsetDateTime.class),
					row.get("note", String.class)))
			.all();
	}

	/**
	 * Moves a locked milestone to its next status; the version guards against lost
	 * updates.
	 */
	Mono<Milestone> transition(Viewer viewer, Milestone milestone, MilestoneStatus next) {
		return this.client.sql("UPDATE milestone SET status = :status, version = version + 1, updated_at = now(), "
				+ "started_at = CASE WHEN :status = 'IN_PROGRESS' THEN coalesce(started_at, now()) ELSE started_at END, "
				+ "completed_at = CASE WHEN :status = 'COMPLETED' THEN now() ELSE completed_at END, "
				+ "changes_requested = changes_requested + CASE WHEN :status = 'CHANGES_REQUESTED' THEN 1 ELSE 0 END "
				+ "WHERE tenant_id = :tenant AND id = :id AND version = :version RETURNING " + COLUMNS)
			.bind("status", next.name())
			.bind("tenant", viewer.tenantId())
			.bind("id", milestone.id())
			.bind("version", milestone.version())
			.map(MilestoneRepository::milestone)
			.one();
	}

	Mono<Milestone> edit(Viewer viewer, Milestone milestone, MilestoneEdit edit) {
		return this.client.sql("""
				UPDATE milestone SET name = coalesce(:name, name), description = coalesce(:description, description),
				    due_date = coalesce(:due, due_date), owner_team = coalesce(:team, owner_team),
				    client_visible = coalesce(:visible, client_visible), version = version + 1, updated_at = now()
				WHERE tenant_id = :tenant AND id = :id AND version = :version
				RETURNING
				""" + COLUMNS)
			.bind("name", Sql.nullable(edit.name(), String.class))
			.bind("description", Sql.nullable(edit.description(), String.class))
			.bind("due", Sql.nullable(edit.dueDate(), LocalDate.class))
			.bind("team", Sql.nullable(edit.ownerTeam(), String.class))
			.bind("visible", Sql.nullable(edit.clientVisible(), Boolean.class))
			.bind("tenant", viewer.tenantId())
			.bind("id", milestone.id())
			.bind("version", milestone.version())
			.map(MilestoneRepository::milestone)
			.one();
	}

	Mono<Void> signOff(Viewer viewer, UUID milestoneId, @Nullable String note) {
		return this.client.sql("""
				INSERT INTO sign_off (tenant_id, milestone_id, signed_by, role, signed_at, note)
				VALUES (:tenant, :milestone, :by, :role, now(), :note)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("milestone", milestoneId)
			.bind("by", viewer.subject())
			.bind("role", viewer.role().name())
			.bind("note", Sql.nullable(note, String.class))
			.then();
	}

	Mono<Void> insert(Viewer viewer, Milestone m, TenantConfig.MilestoneTemplate template) {
		TenantConfig.Inspection inspection = template.inspection();
		TenantConfig.Review review = template.review();
		TenantConfig.Integration integration = template.integration();
		return this.client.sql("""
				INSERT INTO milestone (tenant_id, id, project_id, key, name, phase, position, description,
				    approval, due_date, planned_date, owner_team, client_visible, locks_scope, criteria_advisory,
				    kind, authority, included_rounds, required_checks)
				VALUES (:tenant, :id, :project, :key, :name, :phase, :position, :description,
				    :approval, :due, :due, :team, :visible, :locks, :advisory,
				    :kind, :authority, :rounds, :checks)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", m.id())
			.bind("project", m.projectId())
			.bind("key", Sql.nullable(m.key(), String.class))
			.bind("name", m.name())
			.bind("phase", Sql.nullable(m.phase(), String.class))
			.bind("position", m.position())
			.bind("description", Sql.nullable(m.description(), String.class))
			.bind("approval", m.approval().name())
			.bind("due", Sql.nullable(m.dueDate(), LocalDate.class))
			.bind("team", Sql.nullable(m.ownerTeam(), String.class))
			.bind("visible", m.clientVisible())
			.bind("locks", m.locksScope())
			.bind("advisory", template.criteria() == TenantConfig.Criteria.ADVISORY)
			.bind("kind", Sql.nullable((m.kind() != null) ? m.kind().name() : null, String.class))
			.bind("authority", Sql.nullable((inspection != null) ? inspection.authority() : null, String.class))
			.bind("rounds", Sql.nullable((review != null) ? review.includedRounds() : null, Integer.class))
			.bind("checks",
					((integration != null) ? integration.requiredChecks() : List.<String>of()).toArray(String[]::new))
			.then();
	}

	Mono<Void> insertDependencies(Viewer viewer, List<UUID[]> edges) {
		if (edges.isEmpty()) {
			return Mono.empty();
		}
		return this.client.sql("""
				INSERT INTO milestone_dependency (tenant_id, milestone_id, depends_on_id)
				SELECT :tenant, * FROM unnest(:from::uuid[], :to::uuid[])
				""")
			.bind("tenant", viewer.tenantId())
			.bind("from", edges.stream().map((e) -> e[0]).toArray(UUID[]::new))
			.bind("to", edges.stream().map((e) -> e[1]).toArray(UUID[]::new))
			.then();
	}

	Mono<Void> insertCriteria(Viewer viewer, List<AcceptanceCriterion> criteria) {
		if (criteria.isEmpty()) {
			return Mono.empty();
		}
		return this.client
			.sql("""
					INSERT INTO acceptance_criterion (tenant_id, id, milestone_id, position, text)
					SELECT :tenant, c.id, c.milestone_id, c.position, c.text
					FROM unnest(:ids::uuid[], :milestones::uuid[], :texts::text[]) WITH ORDINALITY AS c(id, milestone_id, text, position)
					""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", criteria.stream().map(AcceptanceCriterion::id).toArray(UUID[]::new))
			.bind("milestones", criteria.stream().map(AcceptanceCriterion::milestoneId).toArray(UUID[]::new))
			.bind("texts", criteria.stream().map(AcceptanceCriterion::text).toArray(String[]::new))
			.then();
	}

	private static AcceptanceCriterion criterion(Readable row) {
		return new AcceptanceCriterion(row.get("id", UUID.class), row.get("milestone_id", UUID.class),
				row.get("text", String.class), Boolean.TRUE.equals(row.get("met", Boolean.class)),
				row.get("evidence", String.class), row.get("document_id", UUID.class), row.get("met_by", String.class),
				row.get("met_at", OffsetDateTime.class));
	}

	private static Deliverable deliverable(Readable row) {
		return new Deliverable(row.get("id", UUID.class), row.get("milestone_id", UUID.class),
				row.get("name", String.class), row.get("url", String.class), row.get("document_id", UUID.class),
				row.get("submitted_at", OffsetDateTime.class), row.get("submitted_by", String.class));
	}

	Flux<KindSettings> kindSettings(Viewer viewer, Collection<UUID> ids) {
		return this.client.sql("""
				SELECT id, authority, included_rounds, changes_requested, required_checks
				FROM milestone WHERE tenant_id = :tenant AND id = ANY(:ids) AND kind IS NOT NULL
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new))
			.map((row) -> new KindSettings(row.get("id", UUID.class), row.get("authority", String.class),
					row.get("included_rounds", Integer.class), row.get("changes_requested", Integer.class),
					List.of(row.get("required_checks", String[].class))))
			.all();
	}

	private static Milestone milestone(Readable row) {
		return new Milestone(row.get("id", UUID.class), row.get("project_id", UUID.class), row.get("key", String.class),
				row.get("name", String.class), row.get("phase", String.class), row.get("position", Integer.class),
				row.get("description", String.class), MilestoneStatus.valueOf(row.get("status", String.class)),
				ApprovalMode.valueOf(row.get("approval", String.class)), row.get("due_date", LocalDate.class),
				row.get("started_at", OffsetDateTime.class), row.get("completed_at", OffsetDateTime.class),
				row.get("owner_team", String.class), Boolean.TRUE.equals(row.get("client_visible", Boolean.class)),
				Boolean.TRUE.equals(row.get("locks_scope", Boolean.class)), row.get("version", Integer.class),
				kind(row.get("kind", String.class)), row.get("planned_date", LocalDate.class));
	}

	private static @Nullable MilestoneKind kind(@Nullable String kind) {
		return (kind != null) ? MilestoneKind.valueOf(kind) : null;
	}

}
