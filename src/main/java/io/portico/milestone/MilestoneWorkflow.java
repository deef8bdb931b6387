package io.portico.milestone;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.ApprovalMode;

/**
 * The one place that decides which transitions exist and who may take them.
 *
 * <pre>
 * PLANNED -START-> IN_PROGRESS -SUBMIT-> AWAITING_APPROVAL -APPROVE-> COMPLETED
 *                  IN_PROGRESS -COMPLETE-> COMPLETED             (approval NONE only)
 *   AWAITING_APPROVAL -REQUEST_CHANGES-> CHANGES_REQUESTED -SUBMIT-> AWAITING_APPROVAL
 * </pre>
 *
 * Completion is final. Staff do the work of any milestone; a client does the work of
 * milestones owned by the client team. Only the approval mode's side approves or asks for
 * changes.
 */
final class MilestoneWorkflow {

	private MilestoneWorkflow() {
	}

	/** The status the action leads to, or a refusal naming what is allowed instead. */
	static MilestoneStatus next(MilestoneAction action, Milestone milestone, Viewer viewer) {
		if (!permits(action, milestone, viewer)) {
			throw new PorticoException.Forbidden("NOT_PERMITTED",
					"A " + viewer.role() + " may not " + verb(action) + " this milestone", details(milestone, viewer));
		}
		MilestoneStatus next = target(action, milestone);
		if (next == null) {
			throw new PorticoException.Conflict("INVALID_TRANSITION",
					"Cannot " + verb(action) + " a milestone that is " + milestone.status(),
					details(milestone, viewer));
		}
		return next;
	}

	/**
	 * Work on what hangs off a milestone (marking its criteria, handing over
	 * deliverables): whoever does its work, until it is completed.
	 */
	static void requireWork(Milestone milestone, Viewer viewer) {
		if (!(viewer.role().isStaff() || milestone.clientOwned())) {
			throw new PorticoException.Forbidden("NOT_PERMITTED", "A " + viewer.role()
					+ " may not work on this milestone: its team is " + milestone.ownerTeam() + ", not the client",
					details(milestone, viewer));
		}
		if (milestone.status() == MilestoneStatus.COMPLETED) {
			throw new PorticoException.Conflict("INVALID_TRANSITION",
					"The milestone is completed; what it was accepted with is final", details(milestone, viewer));
		}
	}

	/** The actions this viewer may take on the milestone as it stands. */
	static List<MilestoneAction> allowed(Milestone milestone, Viewer viewer) {
		return Arrays.stream(MilestoneAction.values())
			.filter((action) -> permits(action, milestone, viewer) && target(action, milestone) != null)
			.toList();
	}

	private static MilestoneStatus target(MilestoneAction action, Milestone milestone) {
		MilestoneStatus status = milestone.status();
		boolean needsApproval = milestone.approval() != ApprovalMode.NONE;
		return switch (action) {
			case START -> (status == MilestoneStatus.PLANNED) ? MilestoneStatus.IN_PROGRESS : null;
			case SUBMIT -> (needsApproval
					&& (status == MilestoneStatus.IN_PROGRESS || status == MilestoneStatus.CHANGES_REQUESTED))
							? MilestoneStatus.AWAITING_APPROVAL : null;
			case APPROVE -> (status == MilestoneStatus.AWAITING_APPROVAL) ? MilestoneStatus.COMPLETED : null;
			case REQUEST_CHANGES ->
				(status == MilestoneStatus.AWAITING_APPROVAL) ? MilestoneStatus.CHANGES_REQUESTED : null;
			case COMPLETE ->
				(!needsApproval && status == MilestoneStatus.IN_PROGRESS) ? MilestoneStatus.COMPLETED : null;
			case EDIT -> (status != MilestoneStatus.COMPLETED) ? status : null;
		};
	}

	private static boolean permits(MilestoneAction action, Milestone milestone, Viewer viewer) {
		return switch (action) {
			case START, SUBMIT, COMPLETE -> viewer.role().isStaff() || milestone.clientOwned();
			case EDIT -> viewer.role().isStaff();
			case APPROVE, REQUEST_CHANGES -> switch (milestone.approval()) {
				case NONE -> false;
				case STAFF -> viewer.role().isStaff();
				case CLIENT -> viewer.isClient();
			};
		};
	}

	private static Map<String, Object> details(Milestone milestone, Viewer viewer) {
		return Map.of("status", milestone.status().name(), "allowedActions",
				allowed(milestone, viewer).stream().map(Enum::name).toList());
	}

	private static String verb(MilestoneAction action) {
		return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}

}
