package io.portico.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How many subscriptions are open on each socket, for each viewer and for each tenant on
 * this instance. A subscription takes a place in each before it is executed, and gives
 * them back when its stream ends, however it ends.
 */
@Component
class SubscriptionCaps {

	private final Map<String, Integer> open = new ConcurrentHashMap<>();

	/** What asking for a place gave. */
	sealed interface Place permits Held, Full {

	}

	/**
	 * Places taken by one subscription; giving them back more than once gives them once.
	 */
	record Held(Runnable release) implements Place {
	}

	/** The cap that is full: of the socket, the viewer or the tenant. */
	record Full(String what, int limit) implements Place {
	}

	/**
	 * Takes a place for a subscription on the socket (none over HTTP), for the viewer and
	 * for its tenant.
	 */
	Place take(@Nullable String socket, Viewer viewer, LimitsProperties limits) {
		List<String> taken = new ArrayList<>(3);
		Full full = null;
		if (socket != null && !take("socket:" + socket, limits.subscriptionsPerSocket(), taken)) {
			full = new Full("socket", limits.subscriptionsPerSocket());
		}
		else if (!take("viewer:" + viewer.tenantId() + ":" + viewer.subject(), limits.subscriptionsPerViewer(),
				taken)) {
			full = new Full("viewer", limits.subscriptionsPerViewer());
		}
		else if (!take("tenant:" + viewer.tenantId(), limits.subscriptionsPerTenant(), taken)) {
			full = new Full("tenant", limits.subscriptionsPerTenant());
		}
		if (full != null) {
			taken.forEach(this::release);
			return full;
		}
		AtomicBoolean released = new AtomicBoolean();
		return new Held(() -> {
			if (released.compareAndSet(false, true)) {
				taken.forEach(this::release);
			}
		});
	}

	/** Subscriptions open on this instance, of every tenant. */
	int openInAll() {
		return this.open.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("tenant:"))
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	private boolean take(String key, int limit, List<String> taken) {
		boolean[] ok = { false };
		this.open.compute(key, (k, count) -> {
			int now = (count != null) ? count : 0;
			if (now >= limit) {
				return count;
			}
			ok[0] = true;
			return now + 1;
		});
		if (ok[0]) {
			taken.add(key);
		}
		return ok[0];
	}

	private void release(String key) {
		this.open.computeIfPresent(key, (k, count) -> (count <= 1) ? null : count - 1);
	}

}
