package io.portico.graphql;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * A request body over the codecs' limit ({@code spring.codec.max-in-memory-size}) is the
 * caller's mistake: 413 with a GraphQL-shaped error, where the decoder's failure would
 * otherwise surface as a 500.
 */
@Component
@Order(-2)
class OversizedBodies implements WebExceptionHandler {

	private static final byte[] BODY = """
			{"errors":[{"message":"The request body is too large","extensions":{"code":"REQUEST_TOO_LARGE",\
			"classification":"BAD_REQUEST"}}]}""".getBytes(StandardCharsets.UTF_8);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!isOverLimit(ex) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
		DataBuffer body = exchange.getResponse().bufferFactory().wrap(BODY);
		return exchange.getResponse().writeWith(Mono.just(body));
	}

	private static boolean isOverLimit(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return true;
			}
		}
		return false;
	}

}
