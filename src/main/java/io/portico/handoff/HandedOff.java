package io.portico.handoff;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A milestone's completion handed the project over to another team. Staff only.
 *
 * @param seq position in the tenant's log
 * @param projectId the project
 * @param milestoneId the completed milestone
 * @param toTeam the team that takes over, if the rule names one
 * @param actor who completed the milestone
 * @param occurredAt when
 */
public record HandedOff(long seq, UUID projectId, UUID milestoneId, @Nullable String toTeam, @Nullable String actor,
		OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<HandedOff> KIND = new EventKind<>("HANDED_OFF", HandedOff.class);

	@Override
	public boolean internal() {
		return true;
	}

}
