package io.portico.view;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import io.portico.shared.Viewer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Visit SQL; must run inside a {@code TenantDatabase} transaction. */
@Repository
class VisitRepository {

	private final DatabaseClient client;

	VisitRepository(DatabaseClient client) {
		this.client = client;
	}

	/**
	 * The viewer's own last visits to the projects (by subject: a visit is a person's).
	 */
	Flux<Visit> lastVisits(Viewer viewer, Collection<UUID> projectIds) {
		return this.client.sql("""
				SELECT project_id, visited_at, last_position FROM visit
				WHERE tenant_id = :tenant AND project_id = ANY(:projects) AND subject = :subject
				""")
			.bind("tenant", viewer.tenantId())
			.bind("projects", projectIds.toArray(UUID[]::new))
			.bind("subject", viewer.subject())
			.map((row) -> new Visit(row.get("project_id", UUID.class), row.get("visited_at", OffsetDateTime.class),
					row.get("last_position", Long.class)))
			.all();
	}

	/**
	 * Records a visit now, up to the newest event the viewer sees, if the viewer sees the
	 * project; empty otherwise.
	 */
	Mono<OffsetDateTime> record(Viewer viewer, UUID projectId) {
		return this.client.sql("""
				INSERT INTO visit (tenant_id, project_id, subject, visited_at, last_position)
				SELECT p.tenant_id, p.id, :subject, now(),
				       (SELECT coalesce(max(position), 0) FROM event WHERE tenant_id = :tenant)
				FROM project p WHERE p.tenant_id = :tenant AND p.id = :project
				ON CONFLICT (tenant_id, project_id, subject)
				DO UPDATE SET visited_at = excluded.visited_at, last_position = excluded.last_position
				RETURNING visited_at
				""")
			.bind("tenant", viewer.tenantId())
			.bind("project", projectId)
			.bind("subject", viewer.subject())
			.map((row) -> row.get("visited_at", OffsetDateTime.class))
			.one();
	}

}
