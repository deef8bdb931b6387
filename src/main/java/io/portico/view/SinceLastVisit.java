package io.portico.view;

import java.time.OffsetDateTime;
import java.util.List;

import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * What changed for a viewer since its last visit to a project, as it may see it.
 *
 * @param lastVisitAt when it last left the project's portal; null on a first visit
 * @param events what changed since, oldest first
 * @param summary the same in one line
 */
record SinceLastVisit(@Nullable OffsetDateTime lastVisitAt, List<PortalEvent> events, String summary) {
}
