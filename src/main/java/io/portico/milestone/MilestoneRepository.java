package io.portico.milestone;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.portico.database.Sql;
import io.portico.milestone.MilestoneDetails.AcceptanceCriterion;
import io.portico.milestone.MilestoneDetails.Deliverable;
import io.portico.milestone.MilestoneDetails.SignOff;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.ApprovalMode;
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
			started_at, completed_at, owner_team, client_visible, locks_scope, version
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

	Flux<AcceptanceCriterion> criteria(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("""
				SELECT id, milestone_id, text, met FROM acceptance_criterion
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				ORDER BY milestone_id, position
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map((row) -> new AcceptanceCriterion(row.get("id", UUID.class), row.get("milestone_id", UUID.class),
					row.get("text", String.class), Boolean.TRUE.equals(row.get("met", Boolean.class))))
			.all();
	}

	Flux<Deliverable> deliverables(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("""
				SELECT id, milestone_id, name, url, submitted_at FROM deliverable
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				ORDER BY milestone_id, submitted_at NULLS LAST, name
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map((row) -> new Deliverable(row.get("id", UUID.class), row.get("milestone_id", UUID.class),
					row.get("name", String.class), row.get("url", String.class),
					row.get("submitted_at", OffsetDateTime.class)))
			.all();
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
				+ "completed_at = CASE WHEN :status = 'COMPLETED' THEN now() ELSE completed_at END "
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

	Mono<Void> insert(Viewer viewer, Milestone m) {
		return this.client.sql("""
				INSERT INTO milestone (tenant_id, id, project_id, key, name, phase, position, description,
				    approval, due_date, owner_team, client_visible, locks_scope)
				VALUES (:tenant, :id, :project, :key, :name, :phase, :position, :description,
				    :approval, :due, :team, :visible, :locks)
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

	private static Milestone milestone(Readable row) {
		return new Milestone(row.get("id", UUID.class), row.get("project_id", UUID.class), row.get("key", String.class),
				row.get("name", String.class), row.get("phase", String.class), row.get("position", Integer.class),
				row.get("description", String.class), MilestoneStatus.valueOf(row.get("status", String.class)),
				ApprovalMode.valueOf(row.get("approval", String.class)), row.get("due_date", LocalDate.class),
				row.get("started_at", OffsetDateTime.class), row.get("completed_at", OffsetDateTime.class),
				row.get("owner_team", String.class), Boolean.TRUE.equals(row.get("client_visible", Boolean.class)),
				Boolean.TRUE.equals(row.get("locks_scope", Boolean.class)), row.get("version", Integer.class));
	}

}
