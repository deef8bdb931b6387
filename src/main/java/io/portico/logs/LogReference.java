package io.portico.logs;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

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

	@Override
	public String toString() {
		return "execution " + this.execution + ((this.tenant != null) ? " of tenant " + this.tenant : "");
	}

}
