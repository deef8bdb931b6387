package io.portico.guard;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.portico.shared.Viewer;

import org.springframework.stereotype.Component;

/**
 * Rate limits by query cost: a token bucket per viewer and one per tenant, each filled at
 * its per-minute rate and holding at most one minute's worth. An operation takes its cost
 * from both, or from neither.
 *
 * <p>
 * The buckets live in this instance: with N instances behind a load balancer a viewer may
 * spend up to N times its rate in all. A viewer's bucket is forgotten after ten idle
 * minutes, when it would have been full again anyway.
 */
@Component
class RateLimits {

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(1_000_000)
		.build();

	/** What an operation's cost left, or how long to wait before it could be afforded. */
	record Charge(boolean accepted, long remaining, Duration retryAfter, String whose) {
	}

	Charge charge(Viewer viewer, long cost, LimitsProperties limits) {
		long tokens = Math.max(1, cost);
		Bucket own = bucket("viewer:" + viewer.tenantId() + ":" + viewer.subject(), limits.costPerMinute());
		ConsumptionProbe mine = own.tryConsumeAndReturnRemaining(tokens);
		if (!mine.isConsumed()) {
			return new Charge(false, mine.getRemainingTokens(), Duration.ofNanos(mine.getNanosToWaitForRefill()),
					"viewer");
		}
		ConsumptionProbe all = bucket("tenant:" + viewer.tenantId(), limits.tenantCostPerMinute())
			.tryConsumeAndReturnRemaining(tokens);
		if (!all.isConsumed()) {
			own.addTokens(tokens);
			return new Charge(false, mine.getRemainingTokens() + tokens,
					Duration.ofNanos(all.getNanosToWaitForRefill()), "tenant");
		}
		return new Charge(true, mine.getRemainingTokens(), Duration.ZERO, "viewer");
	}

	private Bucket bucket(String owner, long perMinute) {
		// The rate is part of the key: a tenant file that changes it starts a new bucket.
		return this.buckets.get(owner + "@" + perMinute,
				(key) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
					.build());
	}

}
