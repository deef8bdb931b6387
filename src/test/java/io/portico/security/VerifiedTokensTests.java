package io.portico.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.portico.shared.Role;
import io.portico.shared.Viewer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private final MovableClock clock = new MovableClock();

	private final VerifiedTokens tokens = new VerifiedTokens(100, this.clock);

	@Test
	void aVerifiedTokenIsKnownUntilItExpires() {
		this.tokens.put("token", viewer(NOW.plusSeconds(60)));
		assertThat(this.tokens.get("token")).isNotNull();

		this.clock.now = NOW.plusSeconds(60);
		assertThat(this.tokens.get("token")).isNull();
	}

	@Test
	void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
		this.tokens.put("token", viewer(NOW.plus(Duration.ofHours(8))));
		this.clock.now = NOW.plus(VerifiedTokens.MAX_AGE).plusSeconds(1);

		assertThat(this.tokens.get("token")).isNull();
	}

	@Test
	void anExpiredTokenIsNeverKept() {
		this.tokens.put("token", viewer(NOW.minusSeconds(1)));

		assertThat(this.tokens.get("token")).isNull();
	}

	@Test
	void anUnknownTokenIsNotKnown() {
		this.tokens.put("token", viewer(NOW.plusSeconds(60)));

		assertThat(this.tokens.get("token.")).isNull();
	}

	private static Viewer viewer(Instant expiresAt) {
		return new Viewer(UUID.randomUUID(), "acme", "someone", null, Role.STAFF, null, List.of(), expiresAt);
	}

	private static final class MovableClock extends Clock {

		private Instant now = NOW;

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
