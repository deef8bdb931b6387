package io.portico.project;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A project was completed: its last milestone completed.
 *
 * @param seq position in the tenant's log
 * @param projectId the project
 * @param actor who completed the last milestone
 * @param occurredAt when
 */
public record ProjectCompleted(long seq, UUID projectId, @Nullable String actor,
		OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<ProjectCompleted> KIND = new EventKind<>("PROJECT_COMPLETED", ProjectCompleted.class);

	@Override
	public Change change() {
		return new Change(Change.PROJECT, "completed");
	}

}
