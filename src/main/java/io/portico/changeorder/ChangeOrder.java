package io.portico.changeorder;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.portico.shared.Role;
import org.jspecify.annotations.Nullable;

/**
 * A proposed change to a project's scope, cost or schedule, and the client's decision.
 *
 * @param id its id
 * @param projectId the project
 * @param milestoneId the milestone it affects, if any; later ones shift with it
 * @param title what changes
 * @param description the detail
 * @param costImpact what it adds to the contract value (negative: a credit)
 * @param currency the project's currency
 * @param scheduleImpactDays how many days the affected milestone and later ones move
 * @param newAcceptanceCriteria criteria it adds to the affected milestone
 * @param status where it stands
 * @param requestedBy who proposed it
 * @param requestedTeam the proposer's team, told of the decision
 * @param createdAt when it was proposed
 * @param decidedBy who decided (or withdrew) it
 * @param decidedRole in which role
 * @param decidedAt when
 * @param note the client's note or reason
 * @param version grows by one on every change
 * @param revisionRounds revision rounds it buys for the review milestone it affects
 */
public record ChangeOrder(UUID id, UUID projectId, @Nullable UUID milestoneId, String title,
		@Nullable String description, @Nullable BigDecimal costImpact, String currency, int scheduleImpactDays,
		List<String> newAcceptanceCriteria, ChangeOrderStatus status, String requestedBy,
		@Nullable String requestedTeam, OffsetDateTime createdAt, @Nullable String decidedBy,
		@Nullable Role decidedRole, @Nullable OffsetDateTime decidedAt, @Nullable String note, int version,
		int revisionRounds) {

	public enum ChangeOrderStatus {

		PROPOSED, APPROVED, REJECTED, WITHDRAWN

	}

}
