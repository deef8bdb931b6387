package io.portico.milestone;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A milestone changed status or plan. Seen only by who may see the milestone.
 *
 * @param seq position in the tenant's log
 * @param projectId the milestone's project
 * @param milestoneId the milestone
 * @param actor who changed it
 * @param occurredAt when
 * @param previousStatus its status before the change
 * @param status its status after the change
 * @param note the note or reason given with the change
 */
public record MilestoneChanged(long seq, UUID projectId, UUID milestoneId, @Nullable String actor,
		OffsetDateTime occurredAt, @Nullable MilestoneStatus previousStatus, MilestoneStatus status,
		@Nullable String note) implements PortalEvent {

	static final EventKind<MilestoneChanged> KIND = new EventKind<>("MILESTONE_CHANGED", MilestoneChanged.class);

	@Override
	public Change change() {
		String verb = (this.status == this.previousStatus) ? "updated" : switch (this.status) {
			case COMPLETED -> "completed";
			case AWAITING_APPROVAL -> "submitted for approval";
			case CHANGES_REQUESTED -> "sent back for changes";
			case IN_PROGRESS -> "started";
			case PLANNED -> "updated";
		};
		return new Change(Change.MILESTONE, verb);
	}

	@Override
	public UUID aboutMilestone() {
		return this.milestoneId;
	}

}
