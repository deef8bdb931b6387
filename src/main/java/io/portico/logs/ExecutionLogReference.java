package io.portico.logs;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Hands an HTTP request's {@link LogReference} to its GraphQL execution, in the GraphQL
 * context where data fetchers and exception resolvers find it. An operation on a socket
 * gets its own ({@link LogReference#forOperation}).
 */
@Component
@Order(1)
class ExecutionLogReference implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request instanceof WebSocketGraphQlRequest) {
			return chain.next(request);
		}
		return Mono.deferContextual((context) -> {
			LogReference.in(context)
				.ifPresent((reference) -> request.configureExecutionInput((input, builder) -> builder
					.graphQLContext((graphQl) -> graphQl.put(LogReference.KEY, reference))
					.build()));
			return chain.next(request);
		});
	}

}
