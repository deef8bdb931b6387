package io.portico.security;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The viewer, the exchange and the current observation travel in the Reactor context
 * only, never in thread locals: nothing in Portico reads them from a thread local (the
 * viewer is read with {@code ReactiveSecurityContextHolder}, which looks at the Reactor
 * context).
 *
 * <p>
 * Why: with their thread-local accessors registered, Reactor copies all three into thread
 * locals and back around every {@code handle} step, and the database driver decodes every
 * message and row through such steps. That was 11 % of the CPU and 6 % of the allocation
 * of a simple query under load (JFR, issue 7). Tracing that needs the observation in a
 * thread local would register its accessor again.
 */
@Configuration(proxyBeanMethods = false)
class ThreadLocalAccessors {

	ThreadLocalAccessors() {
		ContextRegistry registry = ContextRegistry.getInstance();
		registry.removeThreadLocalAccessor(SecurityContext.class);
		registry.removeThreadLocalAccessor(ServerWebExchange.class);
		registry.removeThreadLocalAccessor(ObservationThreadLocalAccessor.KEY);
	}

}
