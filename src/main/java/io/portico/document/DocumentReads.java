package io.portico.document;

import io.portico.sqlread.SqlReadable;
import io.portico.sqlread.SqlSchema;

import org.springframework.stereotype.Component;

/**
 * The document table's part of answers the database builds (io.portico.sqlread): a
 * document's plain columns, and the documents of a project and of the milestone that
 * unlocks them, oldest first, as {@code DocumentRepository} reads them. The client lens
 * hides locked and withdrawn documents from a CLIENT in both.
 */
@Component
class DocumentReads implements SqlReadable {

	@Override
	public void declare(SqlSchema schema) {
		schema.table("Document", "document")
			.column("id", "id")
			.column("name", "name")
			.column("kind", "kind")
			.column("contentType", "content_type")
			.column("sizeBytes", "size_bytes")
			.column("unlocked", "%s.unlocked_at IS NOT NULL");
		schema.list("Project", "documents", "Document", "project_id", "created_at", "id");
		schema.list("Milestone", "unlocksDocuments", "Document", "milestone_id", "created_at", "id");
	}

}
