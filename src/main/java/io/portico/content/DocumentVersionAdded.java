package io.portico.content;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A new version of a document was uploaded. Seen by who may see the document: for a
 * CLIENT, once it is unlocked (a locked document's versions stay hidden until then).
 *
 * @param seq position in the tenant's log
 * @param projectId the document's project
 * @param documentId the document
 * @param version the new version's number
 * @param actor who uploaded it
 * @param occurredAt when
 */
public record DocumentVersionAdded(long seq, UUID projectId, UUID documentId, int version, @Nullable String actor,
		OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<DocumentVersionAdded> KIND = new EventKind<>("DOCUMENT_VERSION_ADDED",
			DocumentVersionAdded.class);

	@Override
	public Change change() {
		return new Change("document", "updated");
	}

	@Override
	public UUID aboutDocument() {
		return this.documentId;
	}

}
