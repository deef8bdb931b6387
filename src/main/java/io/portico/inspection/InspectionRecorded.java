package io.portico.inspection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * Staff recorded an inspection's result. Seen by who may see the milestone; its report
 * stays behind the document rules.
 *
 * @param seq position in the tenant's log
 * @param projectId the project
 * @param inspectionId the record
 * @param milestoneId the inspection milestone
 * @param result the result recorded
 * @param inspectedOn the day inspected (or booked)
 * @param actor who recorded it
 * @param occurredAt when
 */
public record InspectionRecorded(long seq, UUID projectId, UUID inspectionId, UUID milestoneId, InspectionResult result,
		@Nullable LocalDate inspectedOn, @Nullable String actor, OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<InspectionRecorded> KIND = new EventKind<>("INSPECTION_RECORDED", InspectionRecorded.class);

	@Override
	public UUID aboutMilestone() {
		return this.milestoneId;
	}

	@Override
	public Change change() {
		return new Change("inspection", this.result.name().toLowerCase(Locale.ROOT));
	}

}
