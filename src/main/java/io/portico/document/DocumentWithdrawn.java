package io.portico.document;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * Staff withdrew a document: gone from portals, its URLs stop working, its bytes kept
 * until purged. Staff only: a CLIENT no longer sees the document.
 *
 * @param seq position in the tenant's log
 * @param projectId the document's project
 * @param documentId the document
 * @param reason why
 * @param actor who withdrew it
 * @param occurredAt when
 */
public record DocumentWithdrawn(long seq, UUID projectId, UUID documentId, @Nullable String reason,
		@Nullable String actor, OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<DocumentWithdrawn> KIND = new EventKind<>("DOCUMENT_WITHDRAWN", DocumentWithdrawn.class);

	@Override
	public Change change() {
		return new Change("document", "withdrawn");
	}

	@Override
	public UUID aboutDocument() {
		return this.documentId;
	}

}
