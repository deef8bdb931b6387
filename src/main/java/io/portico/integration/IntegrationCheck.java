package io.portico.integration;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A report of an integration check. Reports are kept; the latest of a project's check (by
 * name) is its status.
 *
 * @param id its id
 * @param projectId the project
 * @param milestoneId the milestone it reports on, if any
 * @param name the check, as the integration names it
 * @param status what it reports
 * @param detail what the integration says about it
 * @param checkedBy subject of who reported it (staff, or the integration's service token)
 * @param checkedAt when
 */
public record IntegrationCheck(UUID id, UUID projectId, @Nullable UUID milestoneId, String name, CheckStatus status,
		@Nullable String detail, String checkedBy, OffsetDateTime checkedAt) {
}
