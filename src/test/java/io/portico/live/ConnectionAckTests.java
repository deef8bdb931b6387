package io.portico.live;

import java.time.Duration;
import java.util.List;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection_init is answered, including one sent the instant the upgrade
 * completes. (With WebSession-backed security, some 7% of such sockets were never acked;
 * see SecurityConfiguration.)
 */
class ConnectionAckTests extends PorticoTest {

	@Test
	void twoThousandSocketsInARowAreEachAcked() {
		String token = this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(10));
		List<Integer> unanswered = Flux.range(0, 2000).flatMap((i) -> Mono.fromCallable(() -> {
			RawSocket socket = RawSocket.open(this.port).init(token);
			try {
				socket.await("connection_ack", Duration.ofSeconds(5));
				return -1;
			}
			catch (IllegalStateException ex) {
				return i;
			}
			finally {
				socket.close();
			}
		}).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 4)
			.filter((i) -> i >= 0)
			.collectList()
			.block();
		assertThat(unanswered).isEmpty();
	}

}
