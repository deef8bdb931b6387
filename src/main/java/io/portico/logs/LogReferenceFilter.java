package io.portico.logs;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every HTTP request its {@link LogReference} before anything else runs, security
 * included, so that even a refused token's line says which request it was.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LogReferenceFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		LogReference reference = new LogReference(exchange.getRequest().getId(), null);
		return chain.filter(exchange).contextWrite((context) -> context.put(LogReference.KEY, reference));
	}

}
