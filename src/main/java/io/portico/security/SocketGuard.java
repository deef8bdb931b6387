package io.portico.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * What the live transport asks of security for its sockets: the guard that refuses
 * {@code connection_init} without a valid token with 4403 and closes a socket when its
 * token expires ({@link GuardedWebSocketHandler}).
 */
public final class SocketGuard {

	private SocketGuard() {
	}

	/** The handler, guarded; its open sockets counted in {@code portico.sockets.open}. */
	public static WebSocketHandler around(WebSocketHandler handler, MeterRegistry meters) {
		GuardedWebSocketHandler guarded = new GuardedWebSocketHandler(handler);
		Gauge.builder("portico.sockets.open", guarded, GuardedWebSocketHandler::open)
			.description("WebSockets open on this instance")
			.register(meters);
		return guarded;
	}

}
