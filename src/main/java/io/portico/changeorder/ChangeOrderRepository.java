package io.portico.changeorder;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.portico.changeorder.ChangeOrder.ChangeOrderStatus;
import io.portico.database.Sql;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Change order SQL; the tenant in every statement, reads by sets of ids. */
@Repository
class ChangeOrderRepository {

	// The currency is the project's: a change order is in the money of its contract.
	private static final String SELECT = """
			SELECT c.id, c.project_id, c.milestone_id, c.title, c.description, c.cost_impact, p.currency,
			       c.schedule_impact_days, c.new_criteria, c.status, c.requested_by, c.requested_team, c.created_at,
			       c.decided_by, c.decided_role, c.decided_at, c.note, c.version, c.revision_rounds
			FROM change_order c JOIN project p ON p.tenant_id = c.tenant_id AND p.id = c.project_id
			""";

	private final DatabaseClient client;

	ChangeOrderRepository(DatabaseClient client) {
		this.client = client;
	}

	Flux<ChangeOrder> byIds(Viewer viewer, Collection<UUID> ids) {
		return this.client.sql(SELECT + " WHERE c.tenant_id = :tenant AND c.id = ANY(:ids)")
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new))
			.map(ChangeOrderRepository::changeOrder)
			.all();
	}

	Flux<ChangeOrder> byProjects(Viewer viewer, Collection<UUID> projectIds) {
		return this.client
			.sql(SELECT + " WHERE c.tenant_id = :tenant AND c.project_id = ANY(:ids) ORDER BY c.created_at, c.id")
			.bind("tenant", viewer.tenantId())
			.bind("ids", projectIds.toArray(UUID[]::new))
			.map(ChangeOrderRepository::changeOrder)
			.all();
	}

	/** Locks the change order for the rest of the transaction. */
	Mono<ChangeOrder> lock(Viewer viewer, UUID id) {
		return this.client.sql(SELECT + " WHERE c.tenant_id = :tenant AND c.id = :id FOR UPDATE OF c")
			.bind("tenant", viewer.tenantId())
			.bind("id", id)
			.map(ChangeOrderRepository::changeOrder)
			.one();
	}

	/** The project's status and currency, if the viewer may see it. */
	Mono<String[]> project(Viewer viewer, UUID projectId) {
		return this.client.sql("SELECT status, currency FROM project WHERE tenant_id = :tenant AND id = :id")
			.bind("tenant", viewer.tenantId())
			.bind("id", projectId)
			.map((row) -> new String[] { row.get("status", String.class), row.get("currency", String.class) })
			.one();
	}

	/**
	 * The milestone's status and kind (null for a plain one), if it is one of the
	 * project's that the viewer may see.
	 */
	Mono<String[]> milestoneStatus(Viewer viewer, UUID milestoneId, UUID projectId) {
		return this.client
			.sql("SELECT status, kind FROM milestone WHERE tenant_id = :tenant AND id = :id AND project_id = :project")
			.bind("tenant", viewer.tenantId())
			.bind("id", milestoneId)
			.bind("project", projectId)
			.map((row) -> new String[] { row.get("status", String.class), row.get("kind", String.class) })
			.one();
	}

	/**
	 * The revision rounds the approved change orders of each milestone bought; milestones
	 * without any are left out.
	 */
	Flux<Object[]> roundsBought(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("""
				SELECT milestone_id, sum(revision_rounds)::int AS rounds FROM change_order
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids) AND status = 'APPROVED' AND revision_rounds > 0
				GROUP BY milestone_id
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map((row) -> new Object[] { row.get("milestone_id", UUID.class), row.get("rounds", Integer.class) })
			.all();
	}

	Mono<Void> insert(Viewer viewer, ChangeOrder order) {
		return this.client.sql("""
				INSERT INTO change_order (tenant_id, id, project_id, milestone_id, title, description, cost_impact,
				    schedule_impact_days, new_criteria, requested_by, requested_team, created_at, revision_rounds)
				VALUES (:tenant, :id, :project, :milestone, :title, :description, :cost, :days, :criteria, :by, :team,
				    :at, :rounds)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", order.id())
			.bind("project", order.projectId())
			.bind("milestone", Sql.nullable(order.milestoneId(), UUID.class))
			.bind("title", order.title())
			.bind("description", Sql.nullable(order.description(), String.class))
			.bind("cost", Sql.nullable(order.costImpact(), BigDecimal.class))
			.bind("days", order.scheduleImpactDays())
			.bind("criteria", order.newAcceptanceCriteria().toArray(String[]::new))
			.bind("by", order.requestedBy())
			.bind("team", Sql.nullable(order.requestedTeam(), String.class))
			.bind("at", order.createdAt())
			.bind("rounds", order.revisionRounds())
			.then();
	}

	Mono<Void> decide(Viewer viewer, ChangeOrder order, ChangeOrderStatus status, OffsetDateTime at,
			@Nullable String note) {
		return this.client.sql("""
				UPDATE change_order SET status = :status, decided_by = :by, decided_role = :role, decided_at = :at,
				    note = :note, version = version + 1
				WHERE tenant_id = :tenant AND id = :id AND version = :version
				""")
			.bind("status", status.name())
			.bind("by", viewer.subject())
			.bind("role", viewer.role().name())
			.bind("at", at)
			.bind("note", Sql.nullable(note, String.class))
			.bind("tenant", viewer.tenantId())
			.bind("id", order.id())
			.bind("version", order.version())
			.then();
	}

	/** Moves the affected milestone and every later open one, past the lens (see V5). */
	Mono<Void> shiftSchedule(UUID milestoneId, int days) {
		return this.client.sql("SELECT portico_shift_schedule(:milestone, :days) AS shifted")
			.bind("milestone", milestoneId)
			.bind("days", days)
			.fetch()
			.first()
			.then();
	}

	/** Adds criteria to the affected milestone, past the lens (see V5). */
	Mono<Void> addCriteria(UUID milestoneId, List<String> texts) {
		return this.client.sql("SELECT portico_add_criteria(:milestone, :texts) AS added")
			.bind("milestone", milestoneId)
			.bind("texts", texts.toArray(String[]::new))
			.fetch()
			.first()
			.then();
	}

	private static ChangeOrder changeOrder(Readable row) {
		String role = row.get("decided_role", String.class);
		return new ChangeOrder(row.get("id", UUID.class), row.get("project_id", UUID.class),
				row.get("milestone_id", UUID.class), row.get("title", String.class),
				row.get("description", String.class), row.get("cost_impact", BigDecimal.class),
				row.get("currency", String.class), row.get("schedule_impact_days", Integer.class),
				List.of(row.get("new_criteria", String[].class)),
				ChangeOrderStatus.valueOf(row.get("status", String.class)), row.get("requested_by", String.class),
				row.get("requested_team", String.class), row.get("created_at", OffsetDateTime.class),
				row.get("decided_by", String.class), (role != null) ? Role.valueOf(role) : null,
				row.get("decided_at", OffsetDateTime.class), row.get("note", String.class),
				row.get("version", Integer.class), row.get("revision_rounds", Integer.class));
	}

}
