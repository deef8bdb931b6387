package io.portico.integration;

/** What an integration check reports. */
public enum CheckStatus {

	/** Not run yet, or running. */
	PENDING,
	/** Passing. */
	PASSING,
	/** Failing: a milestone that requires it does not complete. */
	FAILING

}
