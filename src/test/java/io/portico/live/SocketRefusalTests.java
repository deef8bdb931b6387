package io.portico.live;

import java.time.Duration;
import java.util.List;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket protocol's refusals: no socket runs an operation without a verified
 * token, and none outlives its token.
 */
class SocketRefusalTests extends PorticoTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Test
	void initWithoutATokenIsRefusedWith4403() {
		RawSocket socket = RawSocket.open(this.port).send("{\"type\":\"connection_init\",\"payload\":{}}");
		assertThat(socket.closeCode(WAIT)).isEqualTo(4403);
		assertThat(socket.received()).noneMatch((m) -> m.contains("connection_ack"));
	}

	@Test
	void initWithABadTokenIsRefusedWith4403() {
		RawSocket socket = RawSocket.open(this.port).init("not-a-token");
		assertThat(socket.closeCode(WAIT)).isEqualTo(4403);
		RawSocket expired = RawSocket.open(this.port)
			.init(this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(-5)));
		assertThat(expired.closeCode(WAIT)).isEqualTo(4403);
	}

	@Test
	void subscribeBeforeTheAckNeverRuns() {
		RawSocket socket = RawSocket.open(this.port).subscribe("1", "subscription { portalEvents { cursor } }");
		assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
		assertThat(socket.received()).noneMatch((m) -> m.contains("\"next\""));
	}

	@Test
	void secondInitIsAProtocolError() {
		String token = this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5));
		RawSocket socket = RawSocket.open(this.port).init(token);
		socket.await("connection_ack", WAIT);
		socket.init(token);
		assertThat(socket.closeCode(WAIT)).isEqualTo(4429);
	}

	@Test
	void socketIsClosedWhenItsTokenExpires() {
		// The validator allows a minute of clock skew, so a token with seconds left is
		// accepted.
		String token = this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofSeconds(2));
		RawSocket socket = RawSocket.open(this.port).init(token);
		assertThat(socket.await("connection_ack", WAIT)).isNotNull();
		socket.subscribe("1", "subscription { portalEvents { cursor } }");
		assertThat(socket.closeCode(WAIT)).isEqualTo(4403);
	}

	@Test
	void socketWithoutInitIsClosedWith4408() {
		RawSocket socket = RawSocket.open(this.port);
		assertThat(socket.closeCode(Duration.ofSeconds(20))).isEqualTo(4408);
	}

}
