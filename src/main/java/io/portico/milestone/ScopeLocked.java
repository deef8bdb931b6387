package io.portico.milestone;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A project's scope was locked by the completion of a milestone that locks it: from now
 * on, adding to or changing its scope takes a change order. Seen by everyone who sees the
 * project, also when the milestone itself is internal (its field is then null).
 *
 * @param seq position in the tenant's log
 * @param projectId the project
 * @param milestoneId the milestone whose completion locked it
 * @param actor who completed that milestone
 * @param occurredAt when
 */
public record ScopeLocked(long seq, UUID projectId, @Nullable UUID milestoneId, @Nullable String actor,
		OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<ScopeLocked> KIND = new EventKind<>("SCOPE_LOCKED", ScopeLocked.class);

}
