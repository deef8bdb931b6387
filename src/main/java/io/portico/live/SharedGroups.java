package io.portico.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.portico.shared.Viewer;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.stereotype.Component;

/**
 * Live subscriptions grouped by what they receive: the same document and variables (a
 * resume cursor aside) under the same {@link Viewer#lens() lens}. A group runs its
 * document once per event and encodes the result once; each member gets that result
 * without a GraphQL execution, a DataLoader or a JSON encoding of its own, so a fan-out
 * to a thousand portals costs one execution and a thousand socket writes, and an idle
 * subscription holds little more than its socket.
 *
 * <p>
 * A group starts with its first member and stops with its last. Each member keeps its own
 * bounded backlog (one that falls behind is ended with {@code SLOW_SUBSCRIBER}) and its
 * own token expiry; a failure of the group's execution ends every member with the same
 * error.
 */
@Component
class SharedGroups {

	private final Map<Key, Group> groups = new ConcurrentHashMap<>();

	private final EventStreams streams;

	private final List<SubscriptionExceptionResolver> resolvers;

	private final int maxPending;

	SharedGroups(EventStreams streams, List<SubscriptionExceptionResolver> resolvers, EventBusProperties properties) {
		this.streams = streams;
		this.resolvers = resolvers;
		this.maxPending = properties.maxPendingPerSubscriber();
	}

	/**
	 * Adds a subscriber to the group of its shape and lens, starting the group's
	 * execution if it is the first; the member buffers from this moment.
	 * @param shape what the subscriber's document receives, apart from who asks
	 * @param viewer the subscriber
	 * @param endAtExpiry whether the member's stream ends itself when the viewer's token
	 * expires (a WebSocket is closed then instead)
	 * @param execution runs the shape for a lens as the group's lead
	 */
	Member join(Object shape, Viewer viewer, boolean endAtExpiry,
			BiFunction<Viewer, LiveShare.Lead, Flux<ExecutionResult>> execution) {
		Key key = new Key(shape, viewer.lens());
		Member member = new Member(viewer, endAtExpiry);
		Group group = this.groups.compute(key, (k, existing) -> {
			Group joined = (existing != null) ? existing : new Group(k);
			joined.members.add(member);
			member.group = joined;
			return joined;
		});
		group.start(execution);
		return member;
	}

	/** How many groups are running: shared executions, not subscribers. */
	int size() {
		return this.groups.size();
	}

	/**
	 * How many subscribers the groups serve, counting only groups that follow live
	 * events.
	 */
	int members() {
		return this.groups.values()
			.stream()
			.filter((group) -> group.lead.isFollowing())
			.mapToInt((group) -> group.members.size())
			.sum();
	}

	private void leave(Member member) {
		Group group = member.group;
		if (group == null) {
			return;
		}
		this.groups.computeIfPresent(group.key, (key, current) -> {
			if (current != group) {
				return current;
			}
			group.members.remove(member);
			if (group.members.isEmpty()) {
				group.stop();
				return null;
			}
			return group;
		});
	}

	private Flux<ExecutionResult> failure(Throwable ex) {
		if (ex instanceof SubscriptionPublisherException) {
			return Flux.error(ex);
		}
		return Flux.fromIterable(this.resolvers)
			.concatMap((resolver) -> resolver.resolveException(ex))
			.next()
			.defaultIfEmpty(List.of(GraphqlErrorBuilder.newError()
				.errorType(ErrorType.INTERNAL_ERROR)
				.message("Subscription error")
				.build()))
			.flatMapMany((errors) -> Flux.error(new SubscriptionPublisherException(errors, ex)));
	}

	private record Key(Object shape, Viewer lens) {
	}

	private record Delivery(long position, ExecutionResult result) {
	}

	/** One shared execution and the subscribers it serves. */
	private final class Group {

		private static final int NEW = 0;

		private static final int STARTED = 1;

		private static final int STOPPED = 2;

		private final Key key;

		private final Set<Member> members = ConcurrentHashMap.newKeySet();

		private final AtomicInteger state = new AtomicInteger(NEW);

		private final LiveShare.Lead lead = new LiveShare.Lead();

		private volatile Disposable execution = Disposables.never();

		Group(Key key) {
			this.key = key;
		}

		void start(BiFunction<Viewer, LiveShare.Lead, Flux<ExecutionResult>> runner) {
			if (!this.state.compareAndSet(NEW, STARTED)) {
				return;
			}
			this.execution = runner.apply(this.key.lens(), this.lead)
				.subscribe((result) -> publish(this.lead.next(), result), this::fail, this::complete);
			if (this.state.get() == STOPPED) {
				this.execution.dispose();
			}
		}

		void stop() {
			this.state.set(STOPPED);
			this.execution.dispose();
		}

		private void publish(long position, ExecutionResult result) {
			Delivery delivery = new Delivery(position, EncodedResult.of(result));
			this.members.forEach((member) -> member.offer(delivery));
		}

		private void fail(Throwable ex) {
			end();
			this.lead.failed(ex);
			this.members.forEach((member) -> member.fail(ex));
		}

		private void complete() {
			end();
			this.lead.failed(new IllegalStateException("A shared subscription ended before it followed live events"));
			this.members.forEach(Member::complete);
		}

		private void end() {
			SharedGroups.this.groups.remove(this.key, this);
			this.state.set(STOPPED);
		}

	}

	/** One subscriber of a group: a bounded backlog and its own token expiry. */
	final class Member {

		private final Viewer viewer;

		private final Mailbox<Delivery> mailbox;

		private volatile Group group;

		private final boolean endAtExpiry;

		Member(Viewer viewer, boolean endAtExpiry) {
			this.viewer = viewer;
			this.endAtExpiry = endAtExpiry;
			this.mailbox = new Mailbox<>(SharedGroups.this.maxPending, this::leave);
		}

		/** Completes once the group follows live events; fails if it never will. */
		Mono<Void> ready() {
			return this.group.lead.ready();
		}

		/** The group's results after {@code after}, for as long as the token lasts. */
		Flux<ExecutionResult> results(long after) {
			Flux<ExecutionResult> results = this.mailbox.items()
				.filter((delivery) -> delivery.position() > after)
				.map(Delivery::result);
			return (this.endAtExpiry ? SharedGroups.this.streams.untilExpiry(this.viewer, results) : results)
				.onErrorResume(SharedGroups.this::failure)
				.doFinally((signal) -> leave());
		}

		void leave() {
			SharedGroups.this.leave(this);
		}

		// Offers, failures and completion all come from the group's execution, one at a
		// time.
		private void offer(Delivery delivery) {
			this.mailbox.offer(delivery);
		}

		private void fail(Throwable ex) {
			this.mailbox.fail(ex);
		}

		private void complete() {
			this.mailbox.complete();
		}

	}

}
