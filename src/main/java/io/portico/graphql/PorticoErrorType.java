package io.portico.graphql;

import graphql.ErrorClassification;

/** Classifications beyond Spring's {@code ErrorType}. */
enum PorticoErrorType implements ErrorClassification {

	/** The request is valid but conflicts with the current state; re-read and retry. */
	CONFLICT

}
