package io.portico.milestone;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * Something was handed over for a milestone. Seen by who may see the milestone.
 *
 * @param seq position in the tenant's log
 * @param projectId the milestone's project
 * @param milestoneId the milestone
 * @param deliverableId what was handed over
 * @param actor who submitted it
 * @param occurredAt when
 */
public record DeliverableSubmitted(long seq, UUID projectId, UUID milestoneId, UUID deliverableId,
		@Nullable String actor, OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<DeliverableSubmitted> KIND = new EventKind<>("DELIVERABLE_SUBMITTED",
			DeliverableSubmitted.class);

	@Override
	public Change change() {
		return new Change(Change.DELIVERABLE, "handed over");
	}

	@Override
	public UUID aboutMilestone() {
		return this.milestoneId;
	}

}
