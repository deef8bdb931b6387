package io.portico.sqlread;

import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.database.Busy;
import io.portico.database.TenantDatabase;
import io.portico.graphql.Refusals;
import io.portico.shared.PorticoException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Answers a query that has a {@link SqlPlan} without graphql-java's execution, in one
 * message to PostgreSQL that is its own read-only transaction; any other query goes on to
 * the read transaction of the resolvers (ReadTransaction, the next interceptor). The
 * answer is the one the resolvers give, field for field.
 *
 * <p>
 * Why: on the portal query (20 projects, 160 milestones, 320 documents) graphql-java's
 * completion of about 2,700 fields took a third of the CPU and writing the answer's maps
 * a fifth (JFR, issue 7); the database builds the same JSON in the statement that reads
 * the rows. Counted in {@code portico.sql.answers}.
 */
@Component
@Order(35)
class SqlAnswers implements WebGraphQlInterceptor {

	private static final Log logger = LogFactory.getLog(SqlAnswers.class);

	private final SqlPlans plans;

	private final Counter answered;

	private final TenantDatabase database;

	SqlAnswers(SqlPlans plans, TenantDatabase database, MeterRegistry meters) {
		this.plans = plans;
		this.database = database;
		this.answered = Counter.builder("portico.sql.answers")
			.description("Queries answered by SQL-built JSON, without graphql-java's execution")
			.register(meters);
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		SqlPlan plan = this.plans.plan(request.getDocument(), request.getOperationName());
		if (plan == null) {
			return chain.next(request);
		}
		Mono<Map<String, Object>> data;
		try {
			data = plan.run(request.getVariables(), this.database);
		}
		catch (SqlPlans.Unsupported | PorticoException ex) {
			// An argument the feature refuses or graphql-java might coerce differently:
			// the resolvers' path decides and says why.
			return chain.next(request);
		}
		return data.map((answer) -> {
			this.answered.increment();
			return respond(request, ExecutionResult.newExecutionResult().data(answer).build());
		})
			// No connection in time: nothing ran, the caller may retry.
			.onErrorResume(Busy::isBusy, (ex) -> Mono.just(Refusals.answer(request, Refusals.busy(), false)))
			// A viewer's refusal goes on as any other; the rest is a fault of the
			// service.
			.onErrorResume((ex) -> !(ex instanceof PorticoException), (ex) -> {
				logger.error("Unexpected failure in SQL answer " + request.getId(), ex);
				return Mono.just(respond(request,
						ExecutionResult.newExecutionResult()
							.addError(GraphqlErrorBuilder.newError()
								.errorType(ErrorType.INTERNAL_ERROR)
								.message("Internal error; reference " + request.getId())
								.extensions(Map.of("code", "INTERNAL"))
								.build())
							.build()));
			});
	}

	private static WebGraphQlResponse respond(WebGraphQlRequest request, ExecutionResult result) {
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

}
