package io.portico.milestone;

/** What a viewer can do to a milestone; each is checked by {@link MilestoneWorkflow}. */
public enum MilestoneAction {

	START, SUBMIT, APPROVE, REQUEST_CHANGES, COMPLETE, EDIT;

	/** Whether taking it completes the milestone. */
	public boolean completes() {
		return this == APPROVE || this == COMPLETE;
	}

}
