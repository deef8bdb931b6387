package io.portico.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Wraps Spring's GraphQL WebSocket handler with what graphql-ws clients expect of
 * authentication: a refused {@code connection_init} closes with 4403 (which clients treat
 * as "refresh the token and retry"; Spring's own 4401 makes them give up), and a socket
 * is closed with 4403 when its token expires, so it never outlives its credentials.
 */
class GuardedWebSocketHandler implements WebSocketHandler {

	static final CloseStatus FORBIDDEN = new CloseStatus(4403, "Forbidden");

	private static final String GUARD = GuardedWebSocketHandler.class.getName() + ".guard";

	private final WebSocketHandler delegate;

	private final AtomicInteger open = new AtomicInteger();

	GuardedWebSocketHandler(WebSocketHandler delegate) {
		this.delegate = delegate;
	}

	int open() {
		return this.open.get();
	}

	static Guard guardOf(Map<String, Object> attributes) {
		return (Guard) attributes.get(GUARD);
	}

	@Override
	public java.util.List<String> getSubProtocols() {
		return this.delegate.getSubProtocols();
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		Guard guard = new Guard(session);
		session.getAttributes().put(GUARD, guard);
		this.open.incrementAndGet();
		return this.delegate.handle(new ForbiddenWhenRefused(session, guard)).doFinally((signal) -> {
			this.open.decrementAndGet();
			guard.release();
		});
	}

	/** Closes its session when the credentials it was opened with expire. */
	static final class Guard {

		private final WebSocketSession session;

		private volatile @Nullable Disposable expiry;

		private volatile boolean refused;

		Guard(WebSocketSession session) {
			this.session = session;
		}

		/** connection_init was refused: the close that follows tells the client 4403. */
		void refuse() {
			this.refused = true;
		}

		void closeAt(@Nullable Instant expiresAt) {
			if (expiresAt == null) {
				return;
			}
			Duration left = Duration.between(Instant.now(), expiresAt);
			// Deferred: close() writes its close frame into a buffer at once, which a
			// socket that ends before its token expires would never send nor free.
			this.expiry = Mono.delay(left.isNegative() ? Duration.ZERO : left)
				.then(Mono.defer(() -> this.session.close(FORBIDDEN)))
				.subscribe();
		}

		void release() {
			Disposable scheduled = this.expiry;
			if (scheduled != null) {
				scheduled.dispose();
			}
		}

	}

	/**
	 * The session as Spring's handler sees it: the 4401 that follows a refused
	 * connection_init becomes 4403. A subscribe before connection_init keeps the
	 * protocol's 4401.
	 */
	private static final class ForbiddenWhenRefused implements WebSocketSession {

		private final WebSocketSession session;

		private final Guard guard;

		ForbiddenWhenRefused(WebSocketSession session, Guard guard) {
			this.session = session;
			this.guard = guard;
		}

		@Override
		public Mono<Void> close(CloseStatus status) {
			return this.session.close((status.getCode() == 4401 && this.guard.refused) ? FORBIDDEN : status);
		}

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public HandshakeInfo getHandshakeInfo() {
			return this.session.getHandshakeInfo();
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return this.session.bufferFactory();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.session.getAttributes();
		}

		@Override
		public Flux<WebSocketMessage> receive() {
			return this.session.receive();
		}

		@Override
		public Mono<Void> send(org.reactivestreams.Publisher<WebSocketMessage> messages) {
			return this.session.send(messages);
		}

		@Override
		public boolean isOpen() {
			return this.session.isOpen();
		}

		@Override
		public Mono<CloseStatus> closeStatus() {
			return this.session.closeStatus();
		}

		@Override
		public WebSocketMessage textMessage(String payload) {
			return this.session.textMessage(payload);
		}

		@Override
		public WebSocketMessage binaryMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
			return this.session.binaryMessage(payloadFactory);
		}

		@Override
		public WebSocketMessage pingMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
			return this.session.pingMessage(payloadFactory);
		}

		@Override
		public WebSocketMessage pongMessage(Function<DataBufferFactory, DataBuffer> payloadFactory) {
			return this.session.pongMessage(payloadFactory);
		}

	}

}
