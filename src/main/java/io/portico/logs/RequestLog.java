package io.portico.logs;

import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import reactor.util.context.ContextView;

/**
 * Writes a log line of a request with its tenant and execution in the MDC (keys
 * {@value #TENANT} and {@value #EXECUTION}), for exactly that line.
 *
 * <p>
 * Why around each line and not carried on threads: a thread-local accessor that Reactor
 * restores around its steps cost 3 % of the CPU of a simple query and, in automatic mode,
 * 75 % more per portal query, and the portal query's heap grew until it ran at 60 % of
 * its speed (bench/query, see bench/README.md). Portico logs only a few lines per
 * request, so it names the request at those lines; Spring's own request lines carry the
 * same execution reference as their {@code [id]} prefix.
 */
public final class RequestLog {

	public static final String TENANT = "tenant";

	public static final String EXECUTION = "execution";

	private RequestLog() {
	}

	/** Runs the logging with the reference of the request the context belongs to. */
	public static void in(ContextView context, Runnable logging) {
		with(LogReference.in(context).orElse(null), logging);
	}

	/** Runs the logging with the reference of the execution the context belongs to. */
	public static void in(GraphQLContext context, Runnable logging) {
		with(context.get(LogReference.KEY), logging);
	}

	static void with(@Nullable LogReference reference, Runnable logging) {
		if (reference == null) {
			logging.run();
			return;
		}
		MDC.put(EXECUTION, reference.execution());
		if (reference.tenant() != null) {
			MDC.put(TENANT, reference.tenant());
		}
		try {
			logging.run();
		}
		finally {
			MDC.remove(EXECUTION);
			MDC.remove(TENANT);
		}
	}

}
