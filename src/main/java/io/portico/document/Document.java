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
 */
public record Document(UUID id, UUID projectId, @Nullable UUID milestoneId, String name, @Nullable String kind,
		@Nullable String contentType, @Nullable Long sizeBytes, @Nullable OffsetDateTime unlockedAt) {

	public boolean unlocked() {
		return this.unlockedAt != null;
	}

}
