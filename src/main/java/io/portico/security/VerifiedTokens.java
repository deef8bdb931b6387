package io.portico.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;

/**
 * Viewers of tokens already verified, so that a portal sending the same token with every
 * request is verified once, not once per request.
 *
 * <p>
 * Why: parsing the token twice and checking its RSA signature took 12 % of the CPU and 20
 * % of the allocation of a simple query under load (JFR, issue 7). A token is immutable
 * and its claims cannot change, so the viewer it yields stays right until the token
 * expires; an entry lives at most {@link #MAX_AGE} and never past the token's
 * {@code exp}, and an expired token is refused even if its entry is still there. Only
 * verified tokens are kept: a forged token costs its verification every time.
 */
final class VerifiedTokens {

	/** How long a verified token is trusted without verifying it again. */
	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final Cache<String, Viewer> viewers;

	private final Clock clock;

	VerifiedTokens(int maximumSize, Clock clock) {
		this.clock = clock;
		this.viewers = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfter(Expiry.<String, Viewer>creating((token, viewer) -> lifetime(viewer)))
			.build();
	}

	/** The viewer of a token verified before and not yet expired, or null. */
	@Nullable Viewer get(String token) {
		Viewer viewer = this.viewers.getIfPresent(token);
		if (viewer != null && viewer.expiresAt() != null && !viewer.expiresAt().isAfter(this.clock.instant())) {
			this.viewers.invalidate(token);
			return null;
		}
		return viewer;
	}

	void put(String token, Viewer viewer) {
		if (!lifetime(viewer).isZero()) {
			this.viewers.put(token, viewer);
		}
	}

	private Duration lifetime(Viewer viewer) {
		Instant expiresAt = viewer.expiresAt();
		if (expiresAt == null) {
			return MAX_AGE;
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		return left.isNegative() ? Duration.ZERO : (left.compareTo(MAX_AGE) < 0) ? left : MAX_AGE;
	}

}
