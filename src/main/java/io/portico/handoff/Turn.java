package io.portico.handoff;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.handoff.HandoffRepository.Current;
import org.jspecify.annotations.Nullable;

/**
 * Whose turn a project is: the client's when the milestone it waits on is the client's to
 * approve or to do, the team's otherwise.
 *
 * @param party who it waits on
 * @param milestoneId the milestone that waits
 * @param since when that milestone last moved
 * @param team the owning team; never told to a CLIENT
 */
record Turn(Party party, UUID milestoneId, OffsetDateTime since, @Nullable String team) {

	enum Party {

		CLIENT, TEAM

	}

	static Turn of(Current current, boolean forClient) {
		boolean clients = "AWAITING_APPROVAL".equals(current.status()) ? "CLIENT".equals(current.approval())
				: "client".equals(current.ownerTeam());
		return new Turn(clients ? Party.CLIENT : Party.TEAM, current.milestoneId(), current.since(),
				(forClient || clients) ? null : current.ownerTeam());
	}

}
