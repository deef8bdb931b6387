package io.portico.view;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person's last visit to a project's portal.
 *
 * @param projectId the project
 * @param visitedAt when they left it
 * @param lastPosition how far the tenant's event log had come: what follows is new to
 * them
 */
record Visit(UUID projectId, OffsetDateTime visitedAt, long lastPosition) {
}
