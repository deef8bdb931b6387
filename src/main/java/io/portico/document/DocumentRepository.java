package io.portico.document;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import io.portico.database.Sql;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Document SQL; reads take sets of ids. Must run inside a {@code TenantDatabase}
 * transaction, where the client lens hides locked documents.
 */
@Repository
class DocumentRepository {

	private static final String COLUMNS = """
			id, project_id, milestone_id, name, kind, content_type, size_bytes, unlocked_at, current_version,
			withdrawn_at
			""";

	private final DatabaseClient client;

	DocumentRepository(DatabaseClient client) {
		this.client = client;
	}

	Flux<Document> byIds(Viewer viewer, Collection<UUID> ids) {
		return this.client.sql("SELECT " + COLUMNS + " FROM document WHERE tenant_id = :tenant AND id = ANY(:ids)")
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new))
			.map(DocumentRepository::document)
			.all();
	}

	Flux<Document> byProjects(Viewer viewer, Collection<UUID> projectIds) {
		return this.client.sql("SELECT " + COLUMNS + """
				FROM document WHERE tenant_id = :tenant AND project_id = ANY(:ids)
				ORDER BY project_id, created_at, id
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", projectIds.toArray(UUID[]::new))
			.map(DocumentRepository::document)
			.all();
	}

	Flux<Document> byMilestones(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("SELECT " + COLUMNS + """
				FROM document WHERE tenant_id = :tenant AND milestone_id = ANY(:ids)
				ORDER BY milestone_id, created_at, id
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map(DocumentRepository::document)
			.all();
	}

	Mono<Document> insert(Viewer viewer, Document document) {
		return this.client.sql("""
				INSERT INTO document (tenant_id, id, project_id, milestone_id, name, kind, content_type, size_bytes,
				                      unlocked_at, created_by)
				VALUES (:tenant, :id, :project, :milestone, :name, :kind, :contentType, :size, :unlockedAt, :by)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", document.id())
			.bind("project", document.projectId())
			.bind("milestone", Sql.nullable(document.milestoneId(), UUID.class))
			.bind("name", document.name())
			.bind("kind", Sql.nullable(document.kind(), String.class))
			.bind("contentType", Sql.nullable(document.contentType(), String.class))
			.bind("size", Sql.nullable(document.sizeBytes(), Long.class))
			.bind("unlockedAt", Sql.nullable(document.unlockedAt(), OffsetDateTime.class))
			.bind("by", viewer.subject())
			.fetch()
			.rowsUpdated()
			.thenReturn(document);
	}

	/** Locks the document for the rest of the transaction. */
	Mono<Document> lock(Viewer viewer, UUID id) {
		return this.client.sql("SELECT " + COLUMNS + " FROM document WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.bind("tenant", viewer.tenantId())
			.bind("id", id)
			.map(DocumentRepository::document)
			.one();
	}

	Mono<Void> withdraw(Viewer viewer, UUID id, OffsetDateTime at, @Nullable String reason) {
		return this.client.sql("""
				UPDATE document SET withdrawn_at = :at, withdrawn_by = :by, withdraw_reason = :reason
				WHERE tenant_id = :tenant AND id = :id
				""")
			.bind("at", at)
			.bind("by", viewer.subject())
			.bind("reason", Sql.nullable(reason, String.class))
			.bind("tenant", viewer.tenantId())
			.bind("id", id)
			.then();
	}

	/** Records a new current version of the document's content. */
	Mono<Void> newVersion(Viewer viewer, UUID id, int version, String contentType, long size) {
		return this.client.sql("""
				UPDATE document SET current_version = :version, content_type = :type, size_bytes = :size
				WHERE tenant_id = :tenant AND id = :id
				""")
			.bind("version", version)
			.bind("type", contentType)
			.bind("size", size)
			.bind("tenant", viewer.tenantId())
			.bind("id", id)
			.then();
	}

	Mono<Void> markPurged(Viewer viewer, UUID id, OffsetDateTime at) {
		return this.client.sql("UPDATE document SET purged_at = :at WHERE tenant_id = :tenant AND id = :id")
			.bind("at", at)
			.bind("tenant", viewer.tenantId())
			.bind("id", id)
			.then();
	}

	/**
	 * Unlocks the still-locked documents of a milestone, past the client lens (a client
	 * may complete a milestone whose documents it cannot see yet); (document, project)
	 * pairs of what it unlocked.
	 */
	Flux<UUID[]> unlock(UUID milestoneId, OffsetDateTime at) {
		return this.client.sql("SELECT id, project_id FROM portico_unlock_documents(:milestone, :at)")
			.bind("milestone", milestoneId)
			.bind("at", at)
			.map((row) -> new UUID[] { row.get("id", UUID.class), row.get("project_id", UUID.class) })
			.all();
	}

	/**
	 * What a new document hangs on: its project, and the milestone (of that project) it
	 * is tied to, share-locked so that the milestone cannot complete between this check
	 * and the insert (its unlock would miss the new document). NOT_FOUND for a project or
	 * milestone the viewer cannot see.
	 */
	Mono<Owner> owner(Viewer viewer, UUID projectId, @Nullable UUID milestoneId) {
		Mono<Void> project = this.client.sql("SELECT id FROM project WHERE tenant_id = :tenant AND id = :id FOR SHARE")
			.bind("tenant", viewer.tenantId())
			.bind("id", projectId)
			.map((row) -> row.get("id", UUID.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Project", projectId.toString())))
			.then();
		if (milestoneId == null) {
			return project.thenReturn(new Owner(false));
		}
		return project.then(this.client.sql("""
				SELECT status FROM milestone WHERE tenant_id = :tenant AND id = :id AND project_id = :project
				FOR SHARE
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", milestoneId)
			.bind("project", projectId)
			.map((row) -> new Owner("COMPLETED".equals(row.get("status", String.class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Milestone", milestoneId.toString()))));
	}

	record Owner(boolean milestoneCompleted) {
	}

	private static Document document(Readable row) {
		return new Document(row.get("id", UUID.class), row.get("project_id", UUID.class),
				row.get("milestone_id", UUID.class), row.get("name", String.class), row.get("kind", String.class),
				row.get("content_type", String.class), row.get("size_bytes", Long.class),
				row.get("unlocked_at", OffsetDateTime.class), row.get("current_version", Integer.class),
				row.get("withdrawn_at", OffsetDateTime.class));
	}

}
