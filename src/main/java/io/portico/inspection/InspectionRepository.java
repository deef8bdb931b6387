package io.portico.inspection;

import java.time.LocalDate;
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

/** Inspection SQL; must run inside a {@code TenantDatabase} transaction. */
@Repository
class InspectionRepository {

	private static final String COLUMNS = """
			id, project_id, milestone_id, authority, result, inspected_on, report_document_id, recorded_by, recorded_at
			""";

	private final DatabaseClient client;

	InspectionRepository(DatabaseClient client) {
		this.client = client;
	}

	Mono<Inspection> insert(Viewer viewer, Inspection inspection) {
		return this.client.sql("""
				INSERT INTO inspection (tenant_id, id, project_id, milestone_id, authority, result, inspected_on,
				    report_document_id, recorded_by)
				VALUES (:tenant, :id, :project, :milestone, :authority, :result, :on, :report, :by)
				RETURNING
				""" + COLUMNS)
			.bind("tenant", viewer.tenantId())
			.bind("id", inspection.id())
			.bind("project", inspection.projectId())
			.bind("milestone", inspection.milestoneId())
			.bind("authority", Sql.nullable(inspection.authority(), String.class))
			.bind("result", inspection.result().name())
			.bind("on", Sql.nullable(inspection.inspectedOn(), LocalDate.class))
			.bind("report", Sql.nullable(inspection.reportDocumentId(), UUID.class))
			.bind("by", viewer.subject())
			.map(InspectionRepository::inspection)
			.one();
	}

	/** The latest record of each milestone that has one. */
	Flux<Inspection> latest(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("SELECT DISTINCT ON (milestone_id) " + COLUMNS + """
				FROM inspection WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				ORDER BY milestone_id, recorded_at DESC
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map(InspectionRepository::inspection)
			.all();
	}

	/** Every record of the milestones, oldest first. */
	Flux<Inspection> history(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("SELECT " + COLUMNS + """
				FROM inspection WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				ORDER BY milestone_id, recorded_at
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map(InspectionRepository::inspection)
			.all();
	}

	private static Inspection inspection(Readable row) {
		return new Inspection(row.get("id", UUID.class), row.get("project_id", UUID.class),
				row.get("milestone_id", UUID.class), row.get("authority", String.class),
				InspectionResult.valueOf(row.get("result", String.class)), row.get("inspected_on", LocalDate.class),
				row.get("report_document_id", UUID.class), row.get("recorded_by", String.class),
				row.get("recorded_at", OffsetDateTime.class));
	}

}
