package io.portico.security;

import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * What the live transport asks of security for its sockets: the guard that refuses
 * {@code connection_init} without a valid token with 4403 and closes a socket when its
 * token expires ({@link GuardedWebSocketHandler}).
 */
public final class SocketGuard {

	private SocketGuard() {
	}

	/** The handler, guarded. */
	public static WebSocketHandler around(WebSocketHandler handler) {
		return new GuardedWebSocketHandler(handler);
	}

}
