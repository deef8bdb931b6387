package io.portico.tenant;

/** Who must approve a milestone before it completes. */
public enum ApprovalMode {

	/** Completes straight from IN_PROGRESS. */
	NONE,
	/** An ADMIN or STAFF viewer approves. */
	STAFF,
	/** A CLIENT viewer of the project's account approves. */
	CLIENT

}
