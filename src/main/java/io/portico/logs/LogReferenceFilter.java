package io.portico.logs;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every HTTP request its {@link LogReference} before anything else runs, security
 * included, so that even a refused token's line says which request it was.
 *
 * <p>
 * Not a WebSocket upgrade: the socket's Reactor context lives as long as the socket, and
 * one more key there turns every context copied from it into the map-backed kind, 0.8 KB
 * more per open subscription (bench/README). Each operation on a socket gets its own
 * reference instead ({@link LogReference#forOperation}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LogReferenceFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if ("websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst(HttpHeaders.UPGRADE))) {
			return chain.filter(exchange);
		}
		LogReference reference = new LogReference(exchange.getRequest().getId(), null);
		return chain.filter(exchange).contextWrite((context) -> context.put(LogReference.KEY, reference));
	}

}
