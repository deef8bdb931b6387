package io.portico.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import io.portico.database.Busy;
import io.portico.logs.RequestLog;
import io.portico.shared.PorticoException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Every error a caller sees has {@code extensions.classification} and a stable
 * {@code extensions.code}. Portico's own failures say what is wrong; anything else stays
 * opaque and is logged with the execution id the caller is given.
 */
@Component
@Order(0)
class ErrorHandling extends DataFetcherExceptionResolverAdapter {

	private static final Log logger = LogFactory.getLog(ErrorHandling.class);

	@Override
	protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof PorticoException failure) {
			return describe(GraphqlErrorBuilder.newError(env), failure);
		}
		if (ex instanceof AccessDeniedException) {
			// A role rule of method security (@StaffOnly) refused the operation before
			// it ran; Spring's own resolver would answer without a code.
			return notPermitted(GraphqlErrorBuilder.newError(env), env.getField().getName());
		}
		if (ex instanceof AbortExecutionException) {
			// The caller went away (the connection closed mid-request) and graphql-java
			// abandons every field still pending: nobody will read this, and it is not a
			// fault of the service.
			RequestLog.in(env.getGraphQlContext(), () -> logger
				.debug("Execution " + env.getExecutionId() + " cancelled at " + env.getExecutionStepInfo().getPath()));
			return GraphqlErrorBuilder.newError(env)
				.errorType(ErrorType.INTERNAL_ERROR)
				.message("Cancelled")
				.extensions(Map.of("code", "CANCELLED"))
				.build();
		}
		if (Busy.isBusy(ex)) {
			RequestLog.in(env.getGraphQlContext(),
					() -> logger.warn("No database connection in time for " + env.getExecutionStepInfo().getPath()));
			return GraphqlErrorBuilder.newError(env)
				.errorType(PorticoErrorType.UNAVAILABLE)
				.message(Refusals.busy().getMessage())
				.extensions(Map.of("code", "BUSY"))
				.build();
		}
		String id = env.getExecutionId().toString();
		RequestLog.in(env.getGraphQlContext(), () -> logger
			.error("Unexpected failure in execution " + id + " at " + env.getExecutionStepInfo().getPath(), ex));
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.INTERNAL_ERROR)
			.message("Internal error; reference " + id)
			.extensions(Map.of("code", "INTERNAL"))
			.build();
	}

	private static GraphQLError notPermitted(GraphqlErrorBuilder<?> error, String what) {
		return error.errorType(ErrorType.FORBIDDEN)
			.message("Your role may not use " + what)
			.extensions(Map.of("code", "NOT_PERMITTED"))
			.build();
	}

	static GraphQLError describe(GraphqlErrorBuilder<?> error, PorticoException failure) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", failure.code());
		extensions.putAll(failure.details());
		return error.errorType(classification(failure)).message(failure.getMessage()).extensions(extensions).build();
	}

	/**
	 * The same for a failure that ends a subscription stream (expired token, a slow
	 * subscriber, a refused project).
	 */
	@Component
	static class StreamErrors extends SubscriptionExceptionResolverAdapter {

		@Override
		protected @Nullable GraphQLError resolveToSingleError(Throwable ex) {
			if (ex instanceof PorticoException failure) {
				return describe(GraphqlErrorBuilder.newError(), failure);
			}
			if (ex instanceof AccessDeniedException) {
				return notPermitted(GraphqlErrorBuilder.newError(), "this subscription");
			}
			if (Busy.isBusy(ex)) {
				return Refusals.busy();
			}
			logger.error("Unexpected failure in a subscription stream", ex);
			return GraphqlErrorBuilder.newError()
				.errorType(ErrorType.INTERNAL_ERROR)
				.message("Internal error")
				.extensions(Map.of("code", "INTERNAL"))
				.build();
		}

	}

	private static ErrorClassification classification(PorticoException failure) {
		if (failure instanceof PorticoException.NotFound) {
			return ErrorType.NOT_FOUND;
		}
		if (failure instanceof PorticoException.Invalid) {
			return ErrorType.BAD_REQUEST;
		}
		if (failure instanceof PorticoException.Conflict) {
			return PorticoErrorType.CONFLICT;
		}
		if (failure instanceof PorticoException.Forbidden) {
			return ErrorType.FORBIDDEN;
		}
		if (failure instanceof PorticoException.Unavailable) {
			return PorticoErrorType.UNAVAILABLE;
		}
		return ErrorType.UNAUTHORIZED;
	}

	/**
	 * graphql-java rejects malformed documents and arguments (an unparsable Date, a
	 * missing argument) before any resolver runs; give those a stable code too.
	 */
	@Component
	@Order(20)
	static class RequestErrorCodes implements WebGraphQlInterceptor {

		@Override
		public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
			return chain.next(request).map((response) -> {
				if (response.getErrors().stream().allMatch((e) -> e.getExtensions().containsKey("code"))) {
					return response;
				}
				List<GraphQLError> errors = new ArrayList<>();
				response.getErrors().forEach((error) -> {
					Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions());
					extensions.putIfAbsent("code", codeFor(error.getErrorType()));
					errors.add(GraphqlErrorBuilder.newError()
						.message(error.getMessage())
						.locations(error.getLocations())
						.path(error.getParsedPath())
						.errorType(error.getErrorType())
						.extensions(extensions)
						.build());
				});
				return response.transform((builder) -> builder.errors(errors));
			});
		}

		private static String codeFor(ErrorClassification type) {
			String name = type.toString();
			return switch (name) {
				case "ValidationError" -> "INVALID_REQUEST";
				case "InvalidSyntax" -> "INVALID_SYNTAX";
				case "OperationNotSupported" -> "OPERATION_NOT_SUPPORTED";
				default -> "BAD_REQUEST";
			};
		}

	}

}
