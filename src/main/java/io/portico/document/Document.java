package io.portico.document;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A file of a project, as the viewer may see it.
 *
 * @param id the document's id
 * @param projectId its project
 * @param milestoneId the milestone whose completion unlocks it; {@code null} when it was
 * shared from the start
 * @param name what portals show
 * @param kind what sort of document it is (inspection-report, lien-waiver, …)
 * @param contentType its media type
 * @param sizeBytes its size
 * @param unlockedAt when clients could first read it; {@code null} while locked
 * @param currentVersion the newest uploaded version; {@code null} before the first upload
 * @param withdrawnAt when staff withdrew it from portals
 */
public record Document(UUID id, UUID projectId, @Nullable UUID milestoneId, String name, @Nullable String kind,
		@Nullable String contentType, @Nullable Long sizeBytes, @Nullable OffsetDateTime unlockedAt,
		@Nullable Integer currentVersion, @Nullable OffsetDateTime withdrawnAt) {

	public boolean unlocked() {
		return this.unlockedAt != null;
	}

}
