package io.portico.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Flux;

import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

/**
 * Answers given without running an operation: one error with its classification and code.
 * A refused subscription ends with that error, which graphql-ws sends as an {@code error}
 * message for its id.
 */
public final class Refusals {

	private Refusals() {
	}

	public static GraphQLError error(ErrorClassification type, String code, String message,
			Map<String, Object> details) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", code);
		extensions.putAll(details);
		return GraphqlErrorBuilder.newError().errorType(type).message(message).extensions(extensions).build();
	}

	public static WebGraphQlResponse answer(WebGraphQlRequest request, GraphQLError error, boolean subscription) {
		ExecutionResult result = subscription ? ExecutionResult.newExecutionResult()
			.data(Flux.error(new SubscriptionPublisherException(List.of(error), null)))
			.build() : ExecutionResult.newExecutionResult().addError(error).build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

	/** The pool had no connection in time: retry shortly (503 over HTTP). */
	public static GraphQLError busy() {
		return error(PorticoErrorType.UNAVAILABLE, "BUSY",
				"The service is too busy to take this request now; retry shortly", Map.of());
	}

}
