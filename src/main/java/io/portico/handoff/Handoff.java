package io.portico.handoff;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a milestone's completion handed over.
 *
 * @param milestoneId the milestone
 * @param toTeam the team that takes over
 * @param notifiedTeams the teams told
 * @param releasedTeams the teams released from the project
 * @param at when
 */
record Handoff(UUID milestoneId, @Nullable String toTeam, List<String> notifiedTeams, List<String> releasedTeams,
		OffsetDateTime at) {
}
