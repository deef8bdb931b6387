package io.portico.live;

import java.util.UUID;

import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.database.TenantDatabase;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Inputs;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * What open portals receive live: {@code portalEvents} here, and for the features the
 * stream of one kind of event, which their own subscription fields return (a feature's
 * subscription names its record; nothing here names a feature).
 */
@Controller
public class LiveEvents {

	private final EventStreams streams;

	private final EventLog log;

	private final TenantDatabase database;

	LiveEvents(EventStreams streams, EventLog log, TenantDatabase database) {
		this.streams = streams;
		this.log = log;
		this.database = database;
	}

	@SubscriptionMapping
	Flux<PortalEvent> portalEvents(@Argument @Nullable String projectId, @Argument @Nullable String after,
			@ContextValue(name = LiveShare.CONTEXT_KEY, required = false) @Nullable LiveShare share) {
		return stream(projectId, after, share, PortalEvent.class);
	}

	/**
	 * The viewer's events of one type, of one project or of every project it may see. A
	 * subscriber joins the shared stream of its subscription and lens, replays what it
	 * asked for, and completes here: the rest comes from the shared stream (see
	 * {@link SharedSubscriptions}). The shared stream itself follows live events and
	 * reports each one's position.
	 * @param projectId the project, or null for all the viewer may see
	 * @param after replay the log after this cursor first
	 * @param share the subscription's place in shared delivery, from the GraphQL context
	 * ({@link LiveShare#CONTEXT_KEY})
	 * @param type the kind of event
	 * @param <E> the kind of event
	 * @return the stream
	 */
	public <E extends PortalEvent> Flux<E> stream(@Nullable String projectId, @Nullable String after,
			@Nullable LiveShare share, Class<E> type) {
		UUID project = (projectId != null) ? Inputs.id("projectId", projectId) : null;
		long from = EventLog.position(after);
		return CurrentViewer.get()
			.flatMap((viewer) -> visibleProject(viewer, project, projectId).thenReturn(viewer))
			.flatMapMany((viewer) -> {
				if (share instanceof LiveShare.Join join) {
					return Flux.defer(() -> join.join(viewer, from)
						.thenMany(this.streams.replay(viewer, project, after))
						.doOnNext((event) -> join.replayed(event.seq()))
						.ofType(type));
				}
				if (share instanceof LiveShare.Lead lead) {
					// Subscribing registers with the event bus; from then on nothing is
					// missed.
					return this.streams.follow(viewer, project, null)
						.doOnSubscribe((subscription) -> lead.following())
						.ofType(type)
						.doOnNext((event) -> lead.emitting(event.seq()));
				}
				return this.streams.follow(viewer, project, after).ofType(type);
			});
	}

	/** A project the viewer may not see is refused like one that does not exist. */
	private Mono<Void> visibleProject(Viewer viewer, @Nullable UUID project, @Nullable String projectId) {
		if (project == null) {
			return Mono.empty();
		}
		return this.database.one(viewer, () -> this.log.projectVisible(viewer, project))
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Project", projectId)))
			.then();
	}

}
