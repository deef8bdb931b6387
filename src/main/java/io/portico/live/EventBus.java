package io.portico.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.portico.database.TenantDatabase;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.Tenant;
import io.portico.tenant.TenantRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the event log and hands each new event to this instance's subscribers of its
 * tenant, in log order.
 *
 * <p>
 * The log is the truth; {@code LISTEN/NOTIFY} is only the wake-up. One dedicated
 * connection listens; a notification marks its tenant for a read of everything after the
 * last position seen. When the connection drops it is reopened with backoff and every
 * tenant is read again, and a periodic read covers a lost notification, so nothing
 * committed is missed and, since positions only grow, nothing is handed out twice. Reads
 * are serialized, which keeps each tenant's events in order.
 *
 * <p>
 * Each subscriber has its own bounded backlog: one that falls too far behind is ended
 * with {@code SLOW_SUBSCRIBER} (resume from your cursor) instead of holding memory or
 * slowing the others.
 */
@Component
public class EventBus implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EventBus.class);

	private final TenantDatabase database;

	private final Timer lag;

	private final Counter delivered;

	private final EventLog log;

	private final TenantRegistry tenants;

	private final EventBusProperties properties;

	private final ConnectionFactory listenConnections;

	private final Map<UUID, Long> positions = new ConcurrentHashMap<>();

	private final Map<UUID, AtomicBoolean> wakeupPending = new ConcurrentHashMap<>();

	private final Map<UUID, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private final Sinks.Many<UUID> wakeups = Sinks.many().unicast().onBackpressureBuffer();

	private final Disposable.Composite running = Disposables.composite();

	private volatile boolean started;

	EventBus(TenantDatabase database, EventLog log, TenantRegistry tenants, EventBusProperties properties,
			R2dbcConnectionDetails connection, MeterRegistry meters) {
		this.lag = Timer.builder("portico.events.lag")
			.description("From an event's occurrence to its hand-out to this instance's subscribers")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		this.delivered = Counter.builder("portico.events.delivered")
			.description("Events handed to subscribers on this instance, one per subscriber")
			.register(meters);
		Gauge.builder("portico.events.subscribers", this, EventBus::subscriberCount)
			.description("Live event subscribers on this instance")
			.register(meters);
		this.database = database;
		this.log = log;
		this.tenants = tenants;
		this.properties = properties;
		// Unpooled on purpose: LISTEN belongs to one long-lived session, never to a
		// pooled connection that other work would borrow.
		this.listenConnections = ConnectionFactories.get(connection.getConnectionFactoryOptions());
	}

	/**
	 * Registers a subscriber for the viewer's tenant now, buffering from this moment, so
	 * a caller can replay the log first and then continue without a gap.
	 */
	public Subscriber subscribe(Viewer viewer) {
		Subscriber subscriber = new Subscriber(viewer.tenantId(), this.properties.maxPendingPerSubscriber());
		this.subscribers.computeIfAbsent(viewer.tenantId(), (id) -> ConcurrentHashMap.newKeySet()).add(subscriber);
		return subscriber;
	}

	/**
	 * Reads the log of every tenant now; also what a missed notification falls back on.
	 */
	public void wakeAll() {
		this.tenants.all().forEach((tenant) -> wake(tenant.id()));
	}

	int subscriberCount() {
		return this.subscribers.values().stream().mapToInt(Set::size).sum();
	}

	@Override
	public void start() {
		for (Tenant tenant : this.tenants.all()) {
			this.positions.put(tenant.id(),
					this.database.one(system(tenant), () -> this.log.latest(system(tenant)))
						.blockOptional()
						.orElse(0L));
		}
		this.running.add(this.wakeups.asFlux().concatMap(this::readNew).subscribe());
		this.running.add(listen()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100))
				.maxBackoff(this.properties.reconnectMaxBackoff())
				.doBeforeRetry((signal) -> logger
					.warn("Event listener connection lost; reconnecting: " + signal.failure().getMessage())))
			.subscribe());
		this.running.add(Flux.interval(this.properties.catchUpInterval()).subscribe((tick) -> wakeAll()));
		this.started = true;
	}

	@Override
	public void stop() {
		this.started = false;
		this.running.dispose();
		this.subscribers.values()
			.forEach((set) -> set.forEach((s) -> s.mailbox.fail(new PorticoException.Conflict("SHUTTING_DOWN",
					"This instance is shutting down; resume from your last cursor", Map.of()))));
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	private Flux<Void> listen() {
		return Flux.usingWhen(Mono.from(this.listenConnections.create()).cast(PostgresqlConnection.class),
				(connection) -> connection.createStatement("LISTEN " + EventLog.CHANNEL)
					.execute()
					.flatMap(PostgresqlResult::getRowsUpdated)
					.thenMany(Flux.defer(() -> {
						// Anything committed while no connection was listening is read
						// now.
						wakeAll();
						return connection.getNotifications();
					}))
					.doOnNext((notification) -> wakeFrom(notification.getParameter()))
					.thenMany(Flux.<Void>error(new IllegalStateException("listening connection closed"))),
				PostgresqlConnection::close);
	}

	private void wakeFrom(String payload) {
		int colon = (payload != null) ? payload.indexOf(':') : -1;
		if (colon > 0) {
			try {
				wake(UUID.fromString(payload.substring(0, colon)));
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Ignoring malformed event notification '" + payload + "'");
			}
		}
	}

	private void wake(UUID tenantId) {
		// Coalesces bursts: one read per tenant is queued at a time and reads everything
		// new.
		AtomicBoolean pending = this.wakeupPending.computeIfAbsent(tenantId, (id) -> new AtomicBoolean());
		if (pending.compareAndSet(false, true)) {
			this.wakeups.emitNext(tenantId, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
		}
	}

	private Mono<Void> readNew(UUID tenantId) {
		this.wakeupPending.get(tenantId).set(false);
		Tenant tenant;
		try {
			tenant = this.tenants.byId(tenantId);
		}
		catch (IllegalStateException ex) {
			return Mono.empty();
		}
		long from = this.positions.getOrDefault(tenantId, 0L);
		return this.database
			.many(system(tenant), () -> this.log.since(system(tenant), from, null, this.properties.batchSize()))
			.doOnNext((event) -> {
				this.positions.put(tenantId, event.seq());
				publish(tenantId, event);
			})
			.count()
			.doOnNext((count) -> {
				if (count == this.properties.batchSize()) {
					wake(tenantId);
				}
			})
			.onErrorResume((ex) -> {
				logger.warn("Could not read the event log of tenant " + tenant.slug() + "; retrying", ex);
				wake(tenantId);
				return Mono.delay(Duration.ofMillis(200)).then(Mono.empty());
			})
			.then();
	}

	private void publish(UUID tenantId, PortalEvent event) {
		Set<Subscriber> forTenant = this.subscribers.get(tenantId);
		// From the change's commit time to the hand-out here: what an operator watches
		// when portals feel late.
		this.lag.record(Duration.between(event.occurredAt().toInstant(), Instant.now()));
		if (forTenant != null) {
			forTenant.forEach((subscriber) -> subscriber.offer(event));
			this.delivered.increment(forTenant.size());
		}
	}

	private static Viewer system(Tenant tenant) {
		return Viewer.system(tenant.id(), tenant.slug());
	}

	/**
	 * One subscriber's share of the stream: buffered from registration until consumed,
	 * bounded, and unregistered when its stream ends.
	 */
	public final class Subscriber {

		private static final int DELIVERY_PREFETCH = 8;

		private final UUID tenantId;

		private final Mailbox<PortalEvent> mailbox;

		Subscriber(UUID tenantId, int maxPending) {
			this.tenantId = tenantId;
			this.mailbox = new Mailbox<>(maxPending, this::unregister);
		}

		/** Events handed to this subscriber since it registered, in log order. */
		public Flux<PortalEvent> events() {
			// Delivery (the GraphQL selection, encoding, the socket write) runs on the
			// parallel workers, not on the thread that read the log, so one subscriber's
			// delivery neither delays the next read nor the other subscribers.
			return this.mailbox.items()
				.publishOn(Schedulers.parallel(), DELIVERY_PREFETCH)
				.doFinally((signal) -> unregister());
		}

		public void unregister() {
			Set<Subscriber> forTenant = EventBus.this.subscribers.get(this.tenantId);
			if (forTenant != null) {
				forTenant.remove(this);
			}
		}

		void offer(PortalEvent event) {
			this.mailbox.offer(event);
		}

	}

}
