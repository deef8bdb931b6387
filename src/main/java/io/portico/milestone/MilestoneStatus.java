package io.portico.milestone;

/** Where a milestone stands in its workflow. */
public enum MilestoneStatus {

	PLANNED, IN_PROGRESS, AWAITING_APPROVAL, CHANGES_REQUESTED, COMPLETED

}
