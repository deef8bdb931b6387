package io.portico.security;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GuardedWebSocketHandlerTests {

	private final List<CloseStatus> closes = new CopyOnWriteArrayList<>();

	/** A session that records its closes; the guard calls nothing else. */
	private final WebSocketSession session = (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { WebSocketSession.class }, (proxy, method, arguments) -> {
				if (method.getName().equals("close") && arguments != null && arguments.length == 1) {
					this.closes.add((CloseStatus) arguments[0]);
					return Mono.empty();
				}
				throw new UnsupportedOperationException(method.getName());
			});

	@Test
	void aSocketThatEndsBeforeItsTokenExpiresNeverPreparesItsClose() {
		GuardedWebSocketHandler.Guard guard = new GuardedWebSocketHandler.Guard(this.session);
		guard.closeAt(Instant.now().plus(Duration.ofHours(1)));
		guard.release();

		assertThat(this.closes).isEmpty();
	}

	@Test
	void aSocketIsClosedAsForbiddenWhenItsTokenExpires() {
		GuardedWebSocketHandler.Guard guard = new GuardedWebSocketHandler.Guard(this.session);
		guard.closeAt(Instant.now().plusMillis(50));

		assertThat(this.closes).isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.closes.isEmpty());
		assertThat(this.closes).singleElement().extracting(CloseStatus::getCode).isEqualTo(4403);
	}

}
