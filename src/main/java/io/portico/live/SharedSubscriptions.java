package io.portico.live;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import graphql.ExecutionResult;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.support.DefaultGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Puts every subscription into {@link SharedGroups shared delivery}: the subscriber's own
 * execution checks its arguments, joins the group of its shape and lens and replays what
 * it asked for; then its stream continues with the group's results. Runs after the
 * socket's authentication and before the interceptors that set up execution, so the
 * group's own execution is set up like any other.
 */
@Component
@Order(SharedSubscriptions.ORDER)
class SharedSubscriptions implements WebGraphQlInterceptor {

	static final int ORDER = 10;

	private final SharedGroups groups;

	private final ObjectProvider<WebGraphQlHandler> handler;

	private final AtomicLong leads = new AtomicLong();

	SharedSubscriptions(SharedGroups groups, ObjectProvider<WebGraphQlHandler> handler) {
		this.groups = groups;
		this.handler = handler;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Shape shape = LiveShare.isGroupExecution(request) ? null : Shape.of(request);
		if (shape == null) {
			return chain.next(request);
		}
		Request origin = new Request(request);
		// A socket is closed when its token expires (see GuardedWebSocketHandler); other
		// transports end the stream themselves.
		boolean expiresWithTransport = request instanceof WebSocketGraphQlRequest;
		LiveShare.Join join = new LiveShare.Join((viewer) -> this.groups.join(shape, viewer, !expiresWithTransport,
				(lens, lead) -> lead(origin, lens, lead)));
		request.configureExecutionInput((input, builder) -> {
			input.getGraphQLContext().put(LiveShare.CONTEXT_KEY, join);
			return input;
		});
		Mono<WebGraphQlResponse> responses = chain.next(request).map((response) -> {
			if (!(response.getData() instanceof Publisher<?> own)) {
				join.leave();
				return response;
			}
			// The subscriber's own execution is let go of once it completed: only the
			// shared stream stays with the subscription.
			AtomicReference<@Nullable Publisher<?>> first = new AtomicReference<>(own);
			Flux<ExecutionResult> results = Flux.defer(() -> ownResults(first.getAndSet(null)))
				.concatWith(Flux.defer(join::live))
				.doFinally((signal) -> join.leave());
			return response.transform((builder) -> builder.data(results));
		});
		return detached(responses);
	}

	/**
	 * The response, handed on without the operators that produced it. Transports keep the
	 * subscription to the response for as long as the subscription's stream runs, and
	 * through it everything the execution held (its input, DataLoaders, parsed document):
	 * tens of kilobytes for each open subscription, although the shared stream needs none
	 * of it.
	 */
	private static Mono<WebGraphQlResponse> detached(Mono<WebGraphQlResponse> responses) {
		return Mono.create((sink) -> sink.onCancel(responses.contextWrite(sink.contextView())
			.subscribe(sink::success, sink::error, () -> sink.success())));
	}

	@SuppressWarnings("unchecked")
	private static Flux<ExecutionResult> ownResults(@Nullable Publisher<?> own) {
		return (own != null) ? Flux.from((Publisher<ExecutionResult>) own)
				: Flux.error(new IllegalStateException("A subscription's results were subscribed to twice"));
	}

	/**
	 * The group's execution: the subscriber's document, run for the lens as a request of
	 * its own, tied to no socket or HTTP exchange.
	 */
	@SuppressWarnings("unchecked")
	private Flux<ExecutionResult> lead(Request origin, Viewer lens, LiveShare.Lead lead) {
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(LiveShare.GROUP_EXECUTION, true);
		WebGraphQlRequest shared = new WebGraphQlRequest(origin.uri(), new HttpHeaders(), null, null, attributes,
				new DefaultGraphQlRequest(origin.document(), origin.operationName(), origin.variables(), null),
				"shared-" + this.leads.incrementAndGet(), origin.locale());
		shared.configureExecutionInput((input, builder) -> {
			input.getGraphQLContext().put(LiveShare.CONTEXT_KEY, lead);
			return input;
		});
		return this.handler.getObject()
			.handleRequest(shared)
			.flatMapMany((response) -> (response.getData() instanceof Publisher<?> results)
					? Flux.from((Publisher<ExecutionResult>) results)
					: Flux.error(new SubscriptionPublisherException(response.getExecutionResult().getErrors(), null)))
			.contextWrite(CurrentViewer.as(lens));
	}

	/** What a group's execution needs of the request that started it. */
	private record Request(java.net.URI uri, String document, @Nullable String operationName,
			Map<String, Object> variables, java.util.@Nullable Locale locale) {

		Request(WebGraphQlRequest request) {
			this(request.getUri().toUri(), request.getDocument(), request.getOperationName(),
					Collections.unmodifiableMap(new HashMap<>(request.getVariables())), request.getLocale());
		}

	}

	/**
	 * What a subscription receives apart from who asks: its document, operation and
	 * variables, except a variable used only as a top-level {@code after} cursor (each
	 * subscriber replays its own, the live part is the same for all).
	 */
	record Shape(String document, @Nullable String operationName, Map<String, @Nullable Object> variables) {

		static @Nullable Shape of(WebGraphQlRequest request) {
			String text = request.getDocument();
			if (!text.contains("subscription")) {
				return null;
			}
			Document document;
			try {
				document = Parser.parse(text);
			}
			catch (InvalidSyntaxException ex) {
				// graphql-java reports it to the caller.
				return null;
			}
			OperationDefinition operation = operation(document, request.getOperationName());
			if (operation == null || operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
				return null;
			}
			Map<String, Integer> uses = new HashMap<>();
			countVariables(document, uses);
			Set<String> cursors = new HashSet<>();
			operation.getSelectionSet().getSelectionsOfType(Field.class).forEach((field) -> {
				for (Argument argument : field.getArguments()) {
					if (argument.getName().equals("after") && argument.getValue() instanceof VariableReference variable
							&& uses.get(variable.getName()) == 1) {
						cursors.add(variable.getName());
					}
				}
			});
			Map<String, @Nullable Object> variables = new HashMap<>(request.getVariables());
			variables.keySet().removeAll(cursors);
			return new Shape(text, request.getOperationName(), Collections.unmodifiableMap(variables));
		}

		private static @Nullable OperationDefinition operation(Document document, @Nullable String name) {
			List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
			if (name == null) {
				return (operations.size() == 1) ? operations.get(0) : null;
			}
			return operations.stream().filter((o) -> name.equals(o.getName())).findFirst().orElse(null);
		}

		private static void countVariables(Node<?> node, Map<String, Integer> uses) {
			if (node instanceof VariableReference variable) {
				uses.merge(variable.getName(), 1, Integer::sum);
			}
			for (Node<?> child : node.getChildren()) {
				countVariables(child, uses);
			}
		}

	}

}
