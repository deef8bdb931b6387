package io.portico.handoff;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.portico.database.Sql;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Handoff and notification SQL; the tenant in every statement. A CLIENT's completion
 * writes handoffs and notifications but can never read them (see V5), so writes here
 * return nothing.
 */
@Repository
class HandoffRepository {

	private static final String NOTIFICATION_COLUMNS = """
			id, team, kind, message, project_id, milestone_id, created_at, read_at IS NOT NULL AS read
			""";

	// Unread first, then newest first: the order of a page and of its cursor.
	private static final String ORDER = " ORDER BY (read_at IS NOT NULL), created_at DESC, id DESC";

	private final DatabaseClient client;

	HandoffRepository(DatabaseClient client) {
		this.client = client;
	}

	Mono<Void> insert(Viewer viewer, Handoff handoff) {
		return this.client.sql("""
				INSERT INTO handoff (tenant_id, milestone_id, to_team, notified_teams, released_teams, at)
				VALUES (:tenant, :milestone, :to, :notified, :released, :at)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("milestone", handoff.milestoneId())
			.bind("to", Sql.nullable(handoff.toTeam(), String.class))
			.bind("notified", handoff.notifiedTeams().toArray(String[]::new))
			.bind("released", handoff.releasedTeams().toArray(String[]::new))
			.bind("at", handoff.at())
			.then();
	}

	Flux<Handoff> handoffs(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("""
				SELECT milestone_id, to_team, notified_teams, released_teams, at FROM handoff
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map((row) -> new Handoff(row.get("milestone_id", UUID.class), row.get("to_team", String.class),
					List.of(row.get("notified_teams", String[].class)),
					List.of(row.get("released_teams", String[].class)), row.get("at", OffsetDateTime.class)))
			.all();
	}

	Mono<Void> insert(Viewer viewer, Notification notification) {
		return this.client.sql("""
				INSERT INTO notification (tenant_id, id, team, kind, message, project_id, milestone_id, created_at)
				VALUES (:tenant, :id, :team, :kind, :message, :project, :milestone, :at)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", notification.id())
			.bind("team", notification.team())
			.bind("kind", notification.kind())
			.bind("message", notification.message())
			.bind("project", notification.projectId())
			.bind("milestone", Sql.nullable(notification.milestoneId(), UUID.class))
			.bind("at", notification.createdAt())
			.then();
	}

	Flux<Notification> byIds(Viewer viewer, Collection<UUID> ids) {
		return this.client
			.sql("SELECT " + NOTIFICATION_COLUMNS + " FROM notification WHERE tenant_id = :tenant AND id = ANY(:ids)")
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new))
			.map(HandoffRepository::notification)
			.all();
	}

	/**
	 * A page of the teams' notifications, unread first and newest first, starting after
	 * the cursor's position; {@code teams} null means every team.
	 */
	Flux<Notification> page(Viewer viewer, @Nullable List<String> teams, boolean unreadOnly, @Nullable Position after,
			int limit) {
		String sql = "SELECT " + NOTIFICATION_COLUMNS + " FROM notification WHERE tenant_id = :tenant"
				+ ((teams != null) ? " AND team = ANY(:teams)" : "") + (unreadOnly ? " AND read_at IS NULL" : "")
				+ ((after != null) ? " AND ((read_at IS NOT NULL) > :read OR ((read_at IS NOT NULL) = :read"
						+ " AND (created_at, id) < (:at, :id)))" : "")
				+ ORDER + " LIMIT :limit";
		DatabaseClient.GenericExecuteSpec spec = this.client.sql(sql)
			.bind("tenant", viewer.tenantId())
			.bind("limit", limit);
		if (teams != null) {
			spec = spec.bind("teams", teams.toArray(String[]::new));
		}
		if (after != null) {
			spec = spec.bind("read", after.read()).bind("at", after.createdAt()).bind("id", after.id());
		}
		return spec.map(HandoffRepository::notification).all();
	}

	/** Where a notification stands in the order of pages. */
	record Position(boolean read, OffsetDateTime createdAt, UUID id) {
	}

	Mono<Long> unread(Viewer viewer, @Nullable List<String> teams) {
		DatabaseClient.GenericExecuteSpec spec = this.client
			.sql("SELECT count(*) AS unread FROM notification " + "WHERE tenant_id = :tenant AND read_at IS NULL"
					+ ((teams != null) ? " AND team = ANY(:teams)" : ""))
			.bind("tenant", viewer.tenantId());
		if (teams != null) {
			spec = spec.bind("teams", teams.toArray(String[]::new));
		}
		return spec.map((row) -> row.get("unread", Long.class)).one();
	}

	Mono<Long> markRead(Viewer viewer, @Nullable List<String> teams, Collection<UUID> ids) {
		DatabaseClient.GenericExecuteSpec spec = this.client
			.sql("UPDATE notification SET read_at = now() "
					+ "WHERE tenant_id = :tenant AND id = ANY(:ids) AND read_at IS NULL"
					+ ((teams != null) ? " AND team = ANY(:teams)" : ""))
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new));
		if (teams != null) {
			spec = spec.bind("teams", teams.toArray(String[]::new));
		}
		return spec.fetch().rowsUpdated();
	}

	/**
	 * The milestone each project waits on, seen past the client lens (see V5): a CLIENT
	 * learns whose turn it is, not what the internal work is.
	 */
	Flux<Current> current(Viewer viewer, Collection<UUID> projectIds) {
		return this.client.sql("""
				SELECT p.id AS project_id, c.id, c.status, c.approval, c.owner_team, c.since
				FROM unnest(CAST(:ids AS uuid[])) AS p(id)
				CROSS JOIN LATERAL portico_current_milestone(p.id) AS c
				""")
			.bind("ids", projectIds.toArray(UUID[]::new))
			.map((row) -> new Current(row.get("project_id", UUID.class), row.get("id", UUID.class),
					row.get("status", String.class), row.get("approval", String.class),
					row.get("owner_team", String.class), row.get("since", OffsetDateTime.class)))
			.all();
	}

	/**
	 * The first milestone of a project that is not completed, with what decides the turn.
	 */
	record Current(UUID projectId, UUID milestoneId, String status, String approval, @Nullable String ownerTeam,
			OffsetDateTime since) {
	}

	private static Notification notification(Readable row) {
		return new Notification(row.get("id", UUID.class), row.get("team", String.class), row.get("kind", String.class),
				row.get("message", String.class), row.get("project_id", UUID.class),
				row.get("milestone_id", UUID.class), row.get("created_at", OffsetDateTime.class),
				Boolean.TRUE.equals(row.get("read", Boolean.class)));
	}

}
