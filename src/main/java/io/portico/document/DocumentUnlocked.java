package io.portico.document;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A document became readable for clients: the milestone it was tied to completed, or it
 * was shared at once. Seen by who may see the document, whether or not they may see the
 * milestone.
 *
 * @param seq position in the tenant's log
 * @param projectId the document's project
 * @param documentId the document
 * @param milestoneId the milestone whose completion unlocked it, if any
 * @param actor who completed the milestone or shared the document
 * @param occurredAt when
 */
public record DocumentUnlocked(long seq, UUID projectId, UUID documentId, @Nullable UUID milestoneId,
		@Nullable String actor, OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<DocumentUnlocked> KIND = new EventKind<>("DOCUMENT_UNLOCKED", DocumentUnlocked.class);

	@Override
	public Change change() {
		return new Change("document", "unlocked");
	}

	@Override
	public UUID aboutDocument() {
		return this.documentId;
	}

}
