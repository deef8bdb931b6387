package io.portico.logs;

import graphql.execution.ExecutionId;
import io.portico.shared.CurrentViewer;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Hands a GraphQL execution its {@link LogReference}, in its GraphQL context (where data
 * fetchers and exception resolvers find it) and its Reactor context.
 *
 * <p>
 * Over HTTP that is the request's reference. An operation on a socket is an execution of
 * its own: the socket's id and the operation's (a client numbers its operations per
 * socket, so the id alone is not unique), with the tenant of the socket's viewer; its
 * graphql-java execution id becomes the same, so an internal error's "reference" finds
 * its lines. Runs after {@code SubscriptionAuthentication} (order 0), which puts the
 * socket's viewer in the context.
 */
@Component
@Order(1)
class ExecutionLogReference implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest socketRequest)) {
			return Mono.deferContextual((context) -> {
				LogReference.in(context).ifPresent((reference) -> remember(request, reference));
				return chain.next(request);
			});
		}
		String execution = socketRequest.getSessionInfo().getId() + "-" + request.getId();
		request.executionId(ExecutionId.from(execution));
		return CurrentViewer.get().flatMap((viewer) -> {
			LogReference reference = new LogReference(execution, viewer.tenant());
			remember(request, reference);
			return chain.next(request).contextWrite((context) -> context.put(LogReference.KEY, reference));
		});
	}

	private static void remember(WebGraphQlRequest request, LogReference reference) {
		request.configureExecutionInput((input,
				builder) -> builder.graphQLContext((context) -> context.put(LogReference.KEY, reference)).build());
	}

}
