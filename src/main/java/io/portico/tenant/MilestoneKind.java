package io.portico.tenant;

/**
 * What a milestone is, beyond a checkpoint: what an industry's view shows it as, and what
 * it needs before it completes. A template milestone without a kind is a plain
 * checkpoint.
 */
public enum MilestoneKind {

	/**
	 * An inspection by an outside authority (construction): staff record its results; a
	 * failed one keeps the milestone from completing until a pass is recorded.
	 */
	INSPECTION,
	/**
	 * A deliverable review (agency): each request for changes opens the next revision
	 * round; rounds past those included need an approved change order.
	 */
	REVIEW,
	/**
	 * Integration work (SaaS onboarding): checks report on it, and the checks it requires
	 * must pass before it completes.
	 */
	INTEGRATION,
	/**
	 * A decision the client makes (selections, sign-offs): shown as waiting on the
	 * client.
	 */
	DECISION

}
