package io.portico.live;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.portico.shared.PorticoException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The backlog of one consumer of the live path (a subscriber of the bus, a member of a
 * shared group): whatever is offered waits here, in order, until the consumer takes it. A
 * consumer that falls more than its capacity behind is not waited for: its mailbox ends
 * with {@code SLOW_SUBSCRIBER} (resume from your cursor) and the offering side is told to
 * let go of it, so one slow portal neither holds memory nor slows the others.
 *
 * <p>
 * Offers come from one producer at a time (the bus's read of a tenant's log, a group's
 * execution); taking may run on another thread.
 *
 * @param <T> what is delivered
 */
final class Mailbox<T> {

	private static final Log logger = LogFactory.getLog(Mailbox.class);

	private final int capacity;

	private final Runnable onOverflow;

	private final AtomicInteger pending = new AtomicInteger();

	// Grows in small steps: most mailboxes belong to idle portals.
	private final Sinks.Many<T> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<T>unbounded(16).get());

	/**
	 * @param capacity how far behind the consumer may fall
	 * @param onOverflow what the offering side does with a consumer it gives up on
	 */
	Mailbox(int capacity, Runnable onOverflow) {
		this.capacity = capacity;
		this.onOverflow = onOverflow;
	}

	/** What was offered, in order, for the one consumer. */
	Flux<T> items() {
		return this.sink.asFlux().doOnNext((item) -> this.pending.decrementAndGet());
	}

	void offer(T item) {
		if (this.pending.incrementAndGet() > this.capacity) {
			this.onOverflow.run();
			fail(new PorticoException.Conflict("SLOW_SUBSCRIBER",
					"Too far behind the event stream; resubscribe with after: your last cursor",
					Map.of("maxPending", this.capacity)));
			return;
		}
		Sinks.EmitResult emitted = this.sink.tryEmitNext(item);
		if (emitted.isFailure() && emitted != Sinks.EmitResult.FAIL_CANCELLED
				&& emitted != Sinks.EmitResult.FAIL_TERMINATED) {
			logger.warn("Could not hand an item to a live consumer: " + emitted);
		}
	}

	void fail(Throwable ex) {
		this.sink.tryEmitError(ex);
	}

	void complete() {
		this.sink.tryEmitComplete();
	}

}
