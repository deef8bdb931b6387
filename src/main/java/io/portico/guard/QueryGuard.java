package io.portico.guard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.ErrorClassification;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.OperationDefinition.Operation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.graphql.ParsedDocuments;
import io.portico.graphql.PorticoErrorType;
import io.portico.graphql.Refusals;
import io.portico.logs.RequestLog;
import io.portico.live.LiveShare;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Every operation is measured before it runs and refused, without running, when it is too
 * deep, has too many fields, costs too much, would overdraw its viewer's or tenant's
 * rate, or would open one subscription too many. An answered query reports its cost in
 * {@code extensions.cost}, so a client can budget.
 *
 * <p>
 * Runs first among the interceptors: a refused operation touches neither the database nor
 * shared delivery. A shared group's own execution is not measured again; its subscriber
 * was.
 */
@Component
@Order(QueryGuard.ORDER)
class QueryGuard implements WebGraphQlInterceptor {

	static final int ORDER = 5;

	private static final Log logger = LogFactory.getLog(QueryGuard.class);

	private final ParsedDocuments documents;

	private final ObjectProvider<GraphQlSource> source;

	private final TenantRegistry tenants;

	private final LimitsProperties defaults;

	private final RateLimits rates;

	private final SubscriptionCaps caps;

	private final MeterRegistry meters;

	/** One summary per tenant, looked up once: a registry lookup per request costs. */
	private final Map<String, DistributionSummary> costs = new ConcurrentHashMap<>();

	QueryGuard(ParsedDocuments documents, ObjectProvider<GraphQlSource> source, TenantRegistry tenants,
			LimitsProperties defaults, RateLimits rates, SubscriptionCaps caps, MeterRegistry meters) {
		this.meters = meters;
		Gauge.builder("portico.subscriptions.open", caps, SubscriptionCaps::openInAll)
			.description("Subscriptions open on this instance")
			.register(meters);
		this.documents = documents;
		this.source = source;
		this.tenants = tenants;
		this.defaults = defaults;
		this.rates = rates;
		this.caps = caps;
		// graphql-java parses every request with these options (and ParsedDocuments
		// does).
		LimitsProperties.Parser parser = defaults.parser();
		ParserOptions.setDefaultOperationParserOptions(ParserOptions.getDefaultOperationParserOptions()
			.transform((options) -> options.maxCharacters(parser.maxCharacters())
				.maxTokens(parser.maxTokens())
				.maxWhitespaceTokens(parser.maxWhitespaceTokens())
				.maxRuleDepth(parser.maxRuleDepth())));
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (LiveShare.isGroupExecution(request)) {
			return chain.next(request);
		}
		return CurrentViewer.get().flatMap((viewer) -> guard(viewer, request, chain));
	}

	private Mono<WebGraphQlResponse> guard(Viewer viewer, WebGraphQlRequest request, Chain chain) {
		LimitsProperties limits = this.defaults.forTenant(this.tenants.byId(viewer.tenantId()).config().limits());
		Document document;
		try {
			document = this.documents.document(request.getDocument());
		}
		catch (ParseCancelledException ex) {
			return refused(viewer, request, null,
					new Refusal(ErrorType.BAD_REQUEST, "QUERY_TOO_LARGE", ex.getMessage(), Map.of()));
		}
		catch (InvalidSyntaxException ex) {
			// graphql-java parses it again and says where it breaks.
			return chain.next(request);
		}
		OperationDefinition operation = ParsedDocuments.operationOf(document, request.getOperationName());
		if (operation == null) {
			return chain.next(request);
		}
		Operation kind = operation.getOperation();
		QueryShape shape = QueryShape.measure(this.source.getObject().schema(), document, operation,
				request.getVariables(), limits);
		this.costs
			.computeIfAbsent(viewer.tenant(),
					(tenant) -> DistributionSummary.builder("portico.query.cost")
						.description("The cost of each operation measured, refused ones included")
						.tag("tenant", tenant)
						.register(this.meters))
			.record(shape.cost());
		Refusal tooBig = tooBig(shape, limits);
		if (tooBig != null) {
			return refused(viewer, request, kind, tooBig);
		}
		if (kind != Operation.SUBSCRIPTION) {
			RateLimits.Charge charge = this.rates.charge(viewer, shape.cost(), limits);
			if (!charge.accepted()) {
				return refused(viewer, request, kind, rateLimited(shape, limits, charge));
			}
			return chain.next(request).map((response) -> withCost(response, shape, limits, charge));
		}
		// A subscription over the cap is refused before it is charged.
		String socket = (request instanceof WebSocketGraphQlRequest socketRequest)
				? socketRequest.getSessionInfo().getId() : null;
		SubscriptionCaps.Place place = this.caps.take(socket, viewer, limits);
		if (place instanceof SubscriptionCaps.Full full) {
			return refused(viewer, request, kind,
					new Refusal(
							PorticoErrorType.TOO_MANY_REQUESTS, "TOO_MANY_SUBSCRIPTIONS", "The " + full.what()
									+ " already has " + full.limit() + " open subscriptions; complete one first",
							Map.of("limit", full.limit())));
		}
		Runnable release = ((SubscriptionCaps.Held) place).release();
		RateLimits.Charge charge = this.rates.charge(viewer, shape.cost(), limits);
		if (!charge.accepted()) {
			release.run();
			return refused(viewer, request, kind, rateLimited(shape, limits, charge));
		}
		return chain.next(request)
			.map((response) -> releasedAtEnd(response, release))
			.doOnError((ex) -> release.run())
			.doOnCancel(release);
	}

	/** Why an operation is not run, as its one error will say. */
	private record Refusal(ErrorClassification type, String code, String message, Map<String, Object> details) {
	}

	private static @Nullable Refusal tooBig(QueryShape shape, LimitsProperties limits) {
		if (shape.depth() > limits.maxDepth()) {
			return new Refusal(ErrorType.BAD_REQUEST, "QUERY_TOO_DEEP",
					"The operation nests fields deeper than " + limits.maxDepth() + " levels",
					Map.of("limit", limits.maxDepth()));
		}
		if (shape.rootFields() > limits.maxRootFields()) {
			return new Refusal(ErrorType.BAD_REQUEST, "TOO_MANY_FIELDS",
					"The operation asks for more than " + limits.maxRootFields() + " top-level fields",
					Map.of("limit", limits.maxRootFields()));
		}
		if (shape.fields() > limits.maxFields()) {
			return new Refusal(ErrorType.BAD_REQUEST, "TOO_MANY_FIELDS",
					"The operation selects more than " + limits.maxFields() + " fields, aliases and fragments counted",
					Map.of("limit", limits.maxFields()));
		}
		if (shape.cost() > limits.maxCost()) {
			return new Refusal(ErrorType.BAD_REQUEST, "QUERY_TOO_COSTLY",
					"The operation may cost more than " + limits.maxCost()
							+ " (objects it may return, lists counted at their page size); ask for smaller pages",
					Map.of("limit", limits.maxCost()));
		}
		return null;
	}

	private static Refusal rateLimited(QueryShape shape, LimitsProperties limits, RateLimits.Charge charge) {
		long seconds = Math.max(1, (charge.retryAfter().toMillis() + 999) / 1000);
		long rate = charge.whose().equals("tenant") ? limits.tenantCostPerMinute() : limits.costPerMinute();
		return new Refusal(
				PorticoErrorType.TOO_MANY_REQUESTS, "RATE_LIMITED", "The " + charge.whose() + "'s rate of " + rate
						+ " cost points a minute is spent; retry in " + seconds + " s",
				Map.of("retryAfterSeconds", seconds, "cost", shape.cost()));
	}

	/**
	 * The answer to a refused operation, counted by code and tenant for whoever watches
	 * an attack or an incident. A rate-limited one says when to retry in
	 * {@code Retry-After} too.
	 */
	private Mono<WebGraphQlResponse> refused(Viewer viewer, WebGraphQlRequest request, @Nullable Operation kind,
			Refusal refusal) {
		Counter.builder("portico.refusals")
			.description("Operations refused before they ran, by code")
			.tag("code", refusal.code())
			.tag("tenant", viewer.tenant())
			.register(this.meters)
			.increment();
		WebGraphQlResponse answer = Refusals.answer(request,
				Refusals.error(refusal.type(), refusal.code(), refusal.message(), refusal.details()),
				kind == Operation.SUBSCRIPTION);
		Object retryAfter = refusal.details().get("retryAfterSeconds");
		if (retryAfter != null) {
			answer.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter.toString());
		}
		return Mono.deferContextual((context) -> {
			RequestLog.in(context, () -> logger
				.debug("Refused " + refusal.code() + " to " + viewer.subject() + ": " + refusal.message()));
			return Mono.just(answer);
		});
	}

	/** The subscription's places are given back when its stream ends, however it ends. */
	private static WebGraphQlResponse releasedAtEnd(WebGraphQlResponse response, Runnable release) {
		if (!(response.getData() instanceof Publisher<?> results)) {
			release.run();
			return response;
		}
		return response.transform((builder) -> builder.data(Flux.from(results).doFinally((signal) -> release.run())));
	}

	/**
	 * The cost in {@code extensions.cost}, the same for every answer to the same request
	 * (bodies stay comparable and cacheable); what is left of the viewer's bucket goes in
	 * headers, as HTTP APIs report rate limits.
	 */
	private static WebGraphQlResponse withCost(WebGraphQlResponse response, QueryShape shape, LimitsProperties limits,
			RateLimits.Charge charge) {
		Map<Object, Object> extensions = new LinkedHashMap<>();
		Map<Object, Object> existing = response.getExecutionResult().getExtensions();
		if (existing != null) {
			extensions.putAll(existing);
		}
		Map<String, Object> cost = new LinkedHashMap<>();
		cost.put("requested", shape.cost());
		cost.put("limit", limits.maxCost());
		cost.put("perMinute", limits.costPerMinute());
		extensions.put("cost", cost);
		response.getResponseHeaders().set("X-RateLimit-Limit", Long.toString(limits.costPerMinute()));
		response.getResponseHeaders().set("X-RateLimit-Remaining", Long.toString(charge.remaining()));
		return response.transform((builder) -> builder.extensions(extensions));
	}

}
