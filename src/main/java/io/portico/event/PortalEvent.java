package io.portico.event;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An entry of a tenant's event log as portals see it. The GraphQL type of each is its
 * record's simple name.
 */
public sealed interface PortalEvent
		permits PortalEvent.MilestoneChanged, PortalEvent.ProjectCreated, PortalEvent.DocumentUnlocked {

	long seq();

	UUID projectId();

	@Nullable String actor();

	OffsetDateTime occurredAt();

	/** The position in the tenant's log, as an opaque string callers pass back. */
	default String cursor() {
		return EventLog.cursor(seq());
	}

	record MilestoneChanged(long seq, UUID projectId, UUID milestoneId, @Nullable String actor,
			OffsetDateTime occurredAt, @Nullable String previousStatus, String status,
			@Nullable String note) implements PortalEvent {
	}

	/** A document became readable for clients: the milestone it was tied to completed. */
	record DocumentUnlocked(long seq, UUID projectId, UUID documentId, @Nullable UUID milestoneId,
			@Nullable String actor, OffsetDateTime occurredAt) implements PortalEvent {
	}

	record ProjectCreated(long seq, UUID projectId, @Nullable String actor,
			OffsetDateTime occurredAt) implements PortalEvent {
	}

}
