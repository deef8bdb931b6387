package io.portico.live;

import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.instrumentation.dataloader.DataLoaderDispatchingContextKeys;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * How graphql-java runs subscription events. Events are delivered in the order they
 * happened (the default lets a quick event overtake a slow one). DataLoaders are
 * dispatched whenever no field can make progress without them: with the default per-level
 * dispatch, two events of one subscription executing at once, each waiting on a batched
 * field, could leave one event's batch never dispatched, and the event was never
 * delivered.
 */
@Component
@Order(30)
class SubscriptionExecution implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		request.configureExecutionInput((input, builder) -> {
			input.getGraphQLContext().put(SubscriptionExecutionStrategy.KEEP_SUBSCRIPTION_EVENTS_ORDERED, true);
			DataLoaderDispatchingContextKeys.setEnableDataLoaderExhaustedDispatching(input.getGraphQLContext(), true);
			return input;
		});
		return chain.next(request);
	}

}
