package io.portico.live;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.portico.database.TenantDatabase;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Service;

/**
 * Live events for one viewer: optionally the log replayed after a cursor, then what this
 * instance's {@link EventBus} hands out, with no gap and no duplicate at the seam.
 *
 * <p>
 * Visibility is decided when each event is delivered, by the same row-level policy as
 * queries: a CLIENT gets an event only if reading it under its own lens finds it, so an
 * event about an internal milestone or another account's project never reaches it, and a
 * client who loses access stops receiving from the next event on. The answer is shared by
 * every subscriber of the same client account, so a fan-out to many subscribers costs one
 * statement per account, not per subscriber.
 */
@Service
public class EventStreams {

	private static final Log logger = LogFactory.getLog(EventStreams.class);

	private static final int REPLAY_PAGE = 500;

	private static final int VISIBILITY_CACHE = 10_000;

	/** About three seconds of attempts before a visibility check is given up. */
	private static final Retry CHECK_RETRIES = Retry.backoff(4, Duration.ofMillis(200))
		.doBeforeRetry((signal) -> logger.debug("Retrying a visibility check", signal.failure()))
		.onRetryExhaustedThrow((spec, signal) -> {
			logger.warn("A visibility check kept failing; its stream ends with EVENT_CHECK_FAILED", signal.failure());
			return new PorticoException.Unavailable("EVENT_CHECK_FAILED",
					"Whether an event may be shown could not be checked; subscribe again with the last cursor received",
					Map.of());
		});

	private final EventBus bus;

	private final EventLog log;

	private final TenantDatabase database;

	private final Clock clock;

	private final EventBusProperties properties;

	private final Map<String, Mono<Boolean>> visibility = new ConcurrentHashMap<>();

	EventStreams(EventBus bus, EventLog log, TenantDatabase database, Clock clock, EventBusProperties properties) {
		this.bus = bus;
		this.properties = properties;
		this.log = log;
		this.database = database;
		this.clock = clock;
	}

	/**
	 * The viewer's events, of one project or of all it may see; replayed from the log
	 * after {@code after} when given, then live. Ends with TOKEN_EXPIRED when the
	 * viewer's token does.
	 */
	public Flux<PortalEvent> follow(Viewer viewer, @Nullable UUID projectId, @Nullable String after) {
		long from = EventLog.position(after);
		Flux<PortalEvent> events = Flux.defer(() -> {
			// Registered before the replay is read: whatever commits meanwhile is
			// buffered
			// and, if the replay already returned it, dropped by position below.
			EventBus.Subscriber subscriber = this.bus.subscribe(viewer);
			AtomicLong delivered = new AtomicLong(from);
			Flux<PortalEvent> replay = (after != null) ? replay(viewer, projectId, from) : Flux.empty();
			Flux<PortalEvent> live = subscriber.events()
				.filter((event) -> event.seq() > delivered.get())
				.filter((event) -> projectId == null || projectId.equals(event.projectId()))
				.concatMap((event) -> visible(viewer, event).filter(Boolean::booleanValue).map((yes) -> event));
			return replay.concatWith(live)
				.doOnNext((event) -> delivered.set(event.seq()))
				.doFinally((signal) -> subscriber.unregister());
		});
		return untilExpiry(viewer, events);
	}

	/**
	 * The viewer's events after {@code after} as the log holds them now, oldest first, in
	 * pages; what a subscriber missed, before it continues with live events.
	 */
	public Flux<PortalEvent> replay(Viewer viewer, @Nullable UUID projectId, @Nullable String after) {
		return (after != null) ? replay(viewer, projectId, EventLog.position(after)) : Flux.empty();
	}

	/**
	 * The replay after a cursor, unless more events than
	 * {@code portico.events.max-replay} follow it: replaying an unbounded log for each
	 * subscribe would let one old cursor (or many) keep the database busy, and a portal
	 * that far behind is better off re-reading what it shows.
	 */
	private Flux<PortalEvent> replay(Viewer viewer, @Nullable UUID projectId, long from) {
		int max = this.properties.maxReplay();
		return this.database.one(viewer, () -> this.log.countSince(viewer, from, projectId, max + 1))
			.flatMapMany((following) -> (following > max) ? Flux.error(() -> tooOld(max))
					: pagesAfter(viewer, projectId, from));
	}

	private static PorticoException tooOld(int max) {
		return new PorticoException.Invalid("CURSOR_TOO_OLD",
				"More than " + max
						+ " events followed this cursor: query the portal again, then subscribe without 'after'",
				Map.of("field", "after", "maxReplay", max));
	}

	private Flux<PortalEvent> pagesAfter(Viewer viewer, @Nullable UUID projectId, long from) {
		return this.database.many(viewer, () -> this.log.since(viewer, from, projectId, REPLAY_PAGE))
			.collectList()
			.flatMapMany((page) -> (page.size() < REPLAY_PAGE) ? Flux.fromIterable(page) : Flux.fromIterable(page)
				.concatWith(pagesAfter(viewer, projectId, page.get(page.size() - 1).seq())));
	}

	private Mono<Boolean> visible(Viewer viewer, PortalEvent event) {
		if (!viewer.isClient()) {
			// Staff see every event of their tenant, and the bus only hands out the
			// viewer's tenant.
			return Mono.just(true);
		}
		if (this.visibility.size() > VISIBILITY_CACHE) {
			this.visibility.clear();
		}
		String key = viewer.tenantId() + "/" + viewer.clientAccount() + "/" + event.seq();
		// A failed check is retried, and never kept: the next subscriber asking about the
		// same event checks again instead of inheriting the failure. Only a check that
		// keeps failing ends the stream, with a code that says to resume.
		return this.visibility.computeIfAbsent(key,
				(k) -> this.database.one(viewer, () -> this.log.visible(viewer, event.seq()))
					.retryWhen(CHECK_RETRIES)
					.doOnError((ex) -> this.visibility.remove(k))
					.cache((answer) -> Duration.ofDays(1), (ex) -> Duration.ZERO, () -> Duration.ZERO));
	}

	/**
	 * The events, ended with TOKEN_EXPIRED when the viewer's token expires: a stream
	 * never outlives the credentials it was opened with.
	 */
	public <T> Flux<T> untilExpiry(Viewer viewer, Flux<T> events) {
		if (viewer.expiresAt() == null) {
			return events;
		}
		Duration left = Duration.between(this.clock.instant(), viewer.expiresAt());
		if (left.isNegative() || left.isZero()) {
			return Flux.error(EventStreams::expired);
		}
		// Made when it happens: an exception made now would hold its stack trace for the
		// subscription's whole life.
		return events.mergeWith(Mono.delay(left).then(Mono.error(EventStreams::expired)));
	}

	private static PorticoException expired() {
		return new PorticoException.Forbidden("TOKEN_EXPIRED", "The token expired; subscribe again with a fresh one",
				Map.of());
	}

}
