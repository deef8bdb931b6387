package io.portico.project;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A project was created.
 *
 * @param seq position in the tenant's log
 * @param projectId the new project
 * @param actor who created it
 * @param occurredAt when
 */
public record ProjectCreated(long seq, UUID projectId, @Nullable String actor,
		OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<ProjectCreated> KIND = new EventKind<>("PROJECT_CREATED", ProjectCreated.class);

}
