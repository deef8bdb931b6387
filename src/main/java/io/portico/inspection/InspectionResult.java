package io.portico.inspection;

/** Where an inspection stands. */
public enum InspectionResult {

	/** Booked with the authority; not yet inspected. */
	SCHEDULED,
	/** Passed. */
	PASSED,
	/** Failed: the milestone cannot complete until a pass is recorded. */
	FAILED,
	/** Nothing recorded yet (never stored: what a view shows for such a milestone). */
	NOT_SCHEDULED

}
