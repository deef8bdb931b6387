package io.portico.live;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import graphql.ExecutionResult;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.graphql.server.WebGraphQlRequest;

/**
 * A subscription resolver's part in shared delivery, put in the GraphQL context by
 * {@link SharedSubscriptions}.
 *
 * <p>
 * Every subscriber's own execution {@link Join joins} the shared live stream of its shape
 * and lens first, then replays from the log what it asked for (if anything) and
 * completes; what follows comes from the shared stream. The shared stream is one more
 * execution of the same document, the {@link Lead}: it follows live events under the lens
 * and reports each event's position as graphql-java takes it, so every result can be
 * matched with the event it came from.
 */
public sealed interface LiveShare permits LiveShare.Join, LiveShare.Lead {

	String CONTEXT_KEY = "io.portico.live.LiveShare";

	/** Marks the request attributes of a group's own execution. */
	String GROUP_EXECUTION = "io.portico.live.LiveShare.group";

	/**
	 * Whether a request is a group's own execution, which the service starts for a lens
	 * (no caller of its own: limits and charges were applied to the subscriber that
	 * started the group).
	 */
	static boolean isGroupExecution(WebGraphQlRequest request) {
		return request.getAttributes().containsKey(GROUP_EXECUTION);
	}

	/** One subscriber's own execution. */
	final class Join implements LiveShare {

		private volatile @Nullable Function<Viewer, SharedGroups.Member> joining;

		private volatile SharedGroups.@Nullable Member member;

		private volatile long delivered;

		Join(Function<Viewer, SharedGroups.Member> joining) {
			this.joining = joining;
		}

		/**
		 * Joins the shared stream now, buffering from this moment; completes once the
		 * group follows the live events, so that a replay read afterwards leaves no gap.
		 * {@code after} is the position the subscriber already has (0 for none).
		 */
		Mono<Void> join(Viewer viewer, long after) {
			Function<Viewer, SharedGroups.Member> joining = this.joining;
			if (joining == null) {
				return Mono.error(new IllegalStateException("A subscriber joins its group once"));
			}
			this.joining = null;
			this.delivered = after;
			SharedGroups.Member joined = joining.apply(viewer);
			this.member = joined;
			return joined.ready();
		}

		/** The subscriber's own replay delivered the event at this position. */
		void replayed(long position) {
			this.delivered = position;
		}

		/**
		 * What the shared stream has for this subscriber after its own replay; nothing if
		 * it never joined.
		 */
		Flux<ExecutionResult> live() {
			SharedGroups.Member joined = this.member;
			return (joined != null) ? joined.results(this.delivered) : Flux.empty();
		}

		void leave() {
			SharedGroups.Member joined = this.member;
			if (joined != null) {
				joined.leave();
			}
		}

	}

	/** The shared execution of one shape under one lens. */
	final class Lead implements LiveShare {

		private final ConcurrentLinkedQueue<Long> positions = new ConcurrentLinkedQueue<>();

		private final Sinks.Empty<Void> following = Sinks.empty();

		private volatile boolean live;

		/**
		 * The resolver now follows live events: nothing committed from here is missed.
		 */
		void following() {
			this.live = true;
			this.following.tryEmitEmpty();
		}

		boolean isFollowing() {
			return this.live;
		}

		/** Never following: the execution failed before it got there. */
		void failed(Throwable ex) {
			this.following.tryEmitError(ex);
		}

		/** Completes once the execution follows live events. */
		Mono<Void> ready() {
			return this.following.asMono();
		}

		/** The resolver hands the event at this position to graphql-java now. */
		void emitting(long position) {
			this.positions.add(position);
		}

		/**
		 * The position of the event the next result was made from: graphql-java keeps
		 * subscription events in order (see the project's SubscriptionExecution).
		 */
		long next() {
			Long position = this.positions.poll();
			if (position == null) {
				throw new IllegalStateException("A shared subscription result without its event");
			}
			return position;
		}

	}

}
