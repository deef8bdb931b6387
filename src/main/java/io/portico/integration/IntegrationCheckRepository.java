package io.portico.integration;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import io.portico.database.Sql;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Integration check SQL; must run inside a {@code TenantDatabase} transaction. */
@Repository
class IntegrationCheckRepository {

	private static final String COLUMNS = "id, project_id, milestone_id, name, status, detail, checked_by, checked_at ";

	private final DatabaseClient client;

	IntegrationCheckRepository(DatabaseClient client) {
		this.client = client;
	}

	/**
	 * Holds the project's checks for the rest of the transaction: a report and a
	 * completion that requires the check are ordered, so the completion sees the report
	 * or runs before it.
	 */
	Mono<Void> holdChecks(Viewer viewer, UUID projectId) {
		return this.client.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 1)) AS held")
			.bind("key", viewer.tenantId() + "/checks/" + projectId)
			.fetch()
			.first()
			.then();
	}

	Mono<IntegrationCheck> insert(Viewer viewer, IntegrationCheck check) {
		return this.client
			.sql("""
					INSERT INTO integration_check (tenant_id, id, project_id, milestone_id, name, status, detail, checked_by)
					VALUES (:tenant, :id, :project, :milestone, :name, :status, :detail, :by)
					RETURNING
					"""
					+ COLUMNS)
			.bind("tenant", viewer.tenantId())
			.bind("id", check.id())
			.bind("project", check.projectId())
			.bind("milestone", Sql.nullable(check.milestoneId(), UUID.class))
			.bind("name", check.name())
			.bind("status", check.status().name())
			.bind("detail", Sql.nullable(check.detail(), String.class))
			.bind("by", check.checkedBy())
			.map(IntegrationCheckRepository::check)
			.one();
	}

	/** The latest report of each check of the projects, by project and name. */
	Flux<IntegrationCheck> latest(Viewer viewer, Collection<UUID> projectIds) {
		return this.client.sql("SELECT DISTINCT ON (project_id, name) " + COLUMNS + """
				FROM integration_check WHERE tenant_id = :tenant AND project_id = ANY(:ids)
				ORDER BY project_id, name, checked_at DESC
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", projectIds.toArray(UUID[]::new))
			.map(IntegrationCheckRepository::check)
			.all();
	}

	private static IntegrationCheck check(Readable row) {
		return new IntegrationCheck(row.get("id", UUID.class), row.get("project_id", UUID.class),
				row.get("milestone_id", UUID.class), row.get("name", String.class),
				CheckStatus.valueOf(row.get("status", String.class)), row.get("detail", String.class),
				row.get("checked_by", String.class), row.get("checked_at", OffsetDateTime.class));
	}

}
