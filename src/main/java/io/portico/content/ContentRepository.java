package io.portico.content;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Versions and read receipts; inside a viewer's transaction the client lens applies. */
@Repository
class ContentRepository {

	private static final String VERSION_COLUMNS = """
			document_id, number, size_bytes, content_type, sha256, uploaded_at, uploaded_by
			""";

	private final DatabaseClient client;

	ContentRepository(DatabaseClient client) {
		this.client = client;
	}

	Mono<Integer> nextVersion(Viewer viewer, UUID documentId) {
		return this.client.sql("""
				SELECT coalesce(max(number), 0) + 1 AS next FROM document_version
				WHERE tenant_id = :tenant AND document_id = :document
				""")
			.bind("tenant", viewer.tenantId())
			.bind("document", documentId)
			.map((row) -> row.get("next", Integer.class))
			.one();
	}

	Mono<Void> insert(Viewer viewer, DocumentVersion version, String storage) {
		return this.client.sql("""
				INSERT INTO document_version (tenant_id, document_id, number, size_bytes, content_type, sha256, storage,
				    uploaded_at, uploaded_by)
				VALUES (:tenant, :document, :number, :size, :type, :sha256, :storage, :at, :by)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("document", version.documentId())
			.bind("number", version.number())
			.bind("size", version.sizeBytes())
			.bind("type", version.contentType())
			.bind("sha256", version.sha256())
			.bind("storage", storage)
			.bind("at", version.uploadedAt())
			.bind("by", version.uploadedBy())
			.then();
	}

	/** The versions of each document the viewer may see, newest first. */
	Flux<DocumentVersion> versions(Viewer viewer, Collection<UUID> documentIds) {
		return this.client.sql("SELECT " + VERSION_COLUMNS + """
				 FROM document_version WHERE tenant_id = :tenant AND document_id = ANY(:ids)
				ORDER BY document_id, number DESC
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", documentIds.toArray(UUID[]::new))
			.map(ContentRepository::version)
			.all();
	}

	/**
	 * The version, if the viewer may read it now: its document visible to the viewer (for
	 * a CLIENT: unlocked, of its account, not withdrawn) and not withdrawn.
	 */
	Mono<Found> readable(Viewer viewer, UUID documentId, int number) {
		return this.client.sql("""
				SELECT v.document_id, v.number, v.size_bytes, v.content_type, v.sha256, v.uploaded_at, v.uploaded_by,
				       v.storage, d.name
				FROM document_version v
				JOIN document d ON d.tenant_id = v.tenant_id AND d.id = v.document_id
				WHERE v.tenant_id = :tenant AND v.document_id = :document AND v.number = :number
				  AND d.withdrawn_at IS NULL
				""")
			.bind("tenant", viewer.tenantId())
			.bind("document", documentId)
			.bind("number", number)
			.map((row) -> new Found(version(row), row.get("name", String.class), row.get("storage", String.class)))
			.one();
	}

	/** A readable version, its document's name, and the store that holds its bytes. */
	record Found(DocumentVersion version, String name, String storage) {
	}

	Mono<Void> recordDownload(Viewer viewer, UUID documentId, int version, OffsetDateTime at) {
		return this.client.sql("""
				INSERT INTO document_download (tenant_id, document_id, version, downloaded_by, role, at)
				VALUES (:tenant, :document, :version, :by, :role, :at)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("document", documentId)
			.bind("version", version)
			.bind("by", viewer.subject())
			.bind("role", viewer.role().name())
			.bind("at", at)
			.then();
	}

	Flux<DocumentDownload> downloads(Viewer viewer, Collection<UUID> documentIds) {
		return this.client.sql("""
				SELECT document_id, downloaded_by, role, at, version FROM document_download
				WHERE tenant_id = :tenant AND document_id = ANY(:ids)
				ORDER BY document_id, at DESC
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", documentIds.toArray(UUID[]::new))
			.map((row) -> new DocumentDownload(row.get("document_id", UUID.class),
					row.get("downloaded_by", String.class), Role.valueOf(row.get("role", String.class)),
					row.get("at", OffsetDateTime.class), row.get("version", Integer.class)))
			.all();
	}

	private static DocumentVersion version(Readable row) {
		return new DocumentVersion(row.get("document_id", UUID.class), row.get("number", Integer.class),
				row.get("size_bytes", Long.class), row.get("content_type", String.class),
				row.get("sha256", String.class), row.get("uploaded_at", OffsetDateTime.class),
				row.get("uploaded_by", String.class));
	}

}
