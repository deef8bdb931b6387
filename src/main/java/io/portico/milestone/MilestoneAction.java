package io.portico.milestone;

/** What a viewer can do to a milestone; each is checked by {@link MilestoneWorkflow}. */
public enum MilestoneAction {

	START, SUBMIT, APPROVE, REQUEST_CHANGES, COMPLETE, EDIT

}
