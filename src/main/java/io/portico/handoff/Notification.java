package io.portico.handoff;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Something a staff team should know or do.
 *
 * @param id its id
 * @param team the team told
 * @param kind what happened: handoff, released, change-order-decided, ...
 * @param message one sentence
 * @param projectId the project it is about
 * @param milestoneId the milestone it is about, if any
 * @param createdAt when
 * @param read whether someone of the team marked it read
 */
public record Notification(UUID id, String team, String kind, String message, UUID projectId,
		@Nullable UUID milestoneId, OffsetDateTime createdAt, boolean read) {
}
