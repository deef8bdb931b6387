package io.portico.inspection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A recorded result of an inspection milestone. Records are never rewritten: passing
 * after a failure is a new record, and the latest one is the milestone's result.
 *
 * @param id its id; null for the {@link InspectionResult#NOT_SCHEDULED} placeholder
 * @param projectId the project
 * @param milestoneId the inspection milestone
 * @param authority who inspects
 * @param result the result
 * @param inspectedOn the day inspected (or booked, while scheduled)
 * @param reportDocumentId the report, a document of the project
 * @param recordedBy subject of who recorded it
 * @param recordedAt when it was recorded
 */
public record Inspection(@Nullable UUID id, UUID projectId, UUID milestoneId, @Nullable String authority,
		InspectionResult result, @Nullable LocalDate inspectedOn, @Nullable UUID reportDocumentId,
		@Nullable String recordedBy, @Nullable OffsetDateTime recordedAt) {

	/** What an inspection milestone shows before anything is recorded. */
	static Inspection notScheduled(UUID projectId, UUID milestoneId, @Nullable String authority) {
		return new Inspection(null, projectId, milestoneId, authority, InspectionResult.NOT_SCHEDULED, null, null, null,
				null);
	}

}
