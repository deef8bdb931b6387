package io.portico.logs;

import java.util.Optional;

import graphql.execution.ExecutionId;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

import org.springframework.graphql.server.WebSocketGraphQlRequest;

/**
 * Which tenant and which execution a log line belongs to. The execution is fixed when the
 * request arrives; the tenant is named once the caller's token is verified, later in the
 * same request, so it is the one mutable part.
 */
public final class LogReference {

	/** Its key in the Reactor context and in the context-propagation registry. */
	public static final String KEY = "portico.log-reference";

	private final String execution;

	private volatile @Nullable String tenant;

	LogReference(String execution, @Nullable String tenant) {
		this.execution = execution;
		this.tenant = tenant;
	}

	public String execution() {
		return this.execution;
	}

	public @Nullable String tenant() {
		return this.tenant;
	}

	/** The reference of the request the given context belongs to, if any. */
	public static Optional<LogReference> in(ContextView context) {
		return context.getOrEmpty(KEY);
	}

	/** Names the tenant of the request the given context belongs to. */
	public static void nameTenant(ContextView context, String tenant) {
		in(context).ifPresent((reference) -> reference.tenant = tenant);
	}

	/**
	 * Gives an operation on a socket its own reference, in its GraphQL context, and makes
	 * it graphql-java's execution id: the socket's id and the operation's (a client
	 * numbers its operations per socket, so the id alone is not unique), with the tenant
	 * of the socket's verified viewer. Done synchronously where the socket's viewer is
	 * known ({@code SubscriptionAuthentication}): a reactive step here would be kept for
	 * as long as the subscription is open (2.4 KB each, bench/README).
	 */
	public static void forOperation(WebSocketGraphQlRequest request, String tenant) {
		String execution = request.getSessionInfo().getId() + "-" + request.getId();
		request.executionId(ExecutionId.from(execution));
		LogReference reference = new LogReference(execution, tenant);
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext((context) -> context.put(KEY, reference)).build());
	}

	@Override
	public String toString() {
		return "execution " + this.execution + ((this.tenant != null) ? " of tenant " + this.tenant : "");
	}

}
