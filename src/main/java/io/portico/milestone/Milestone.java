package io.portico.milestone;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.tenant.ApprovalMode;
import io.portico.tenant.MilestoneKind;
import org.jspecify.annotations.Nullable;

/**
 * A checkpoint of a project: it marks that a phase, deliverable or approval is done.
 *
 * @param id its id
 * @param projectId the project it belongs to
 * @param key the template key it was created from
 * @param name its name
 * @param phase the project phase it closes
 * @param position its place in the project's order, from 1
 * @param description what it means
 * @param status where it stands
 * @param approval who must approve it
 * @param dueDate when it is due
 * @param startedAt when work started
 * @param completedAt when it completed
 * @param ownerTeam the team that does the work; {@value #CLIENT_TEAM} for work the client
 * does
 * @param clientVisible whether the client sees it
 * @param locksScope whether completing it locks the project's scope
 * @param version grows by one on every change
 * @param kind what it is beyond a checkpoint (an inspection, a review, ...), if anything
 * @param plannedDate the due date the project was created with, moved only by approved
 * change orders
 */
public record Milestone(UUID id, UUID projectId, @Nullable String key, String name, @Nullable String phase,
		int position, @Nullable String description, MilestoneStatus status, ApprovalMode approval,
		@Nullable LocalDate dueDate, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime completedAt,
		@Nullable String ownerTeam, boolean clientVisible, boolean locksScope, int version,
		@Nullable MilestoneKind kind, @Nullable LocalDate plannedDate) {

	/** The owner team of milestones whose work the client itself does. */
	public static final String CLIENT_TEAM = "client";

	public boolean clientOwned() {
		return CLIENT_TEAM.equals(this.ownerTeam);
	}

	public boolean completed() {
		return this.status == MilestoneStatus.COMPLETED;
	}

}
