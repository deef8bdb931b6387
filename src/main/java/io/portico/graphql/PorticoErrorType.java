package io.portico.graphql;

import graphql.ErrorClassification;

/** Classifications beyond Spring's {@code ErrorType}. */
public enum PorticoErrorType implements ErrorClassification {

	/** The request is valid but conflicts with the current state; re-read and retry. */
	CONFLICT,

	/** The caller asked for more than its limits allow right now; wait and retry. */
	TOO_MANY_REQUESTS,

	/** The service cannot take the request now (no database connection in time). */
	UNAVAILABLE

}
