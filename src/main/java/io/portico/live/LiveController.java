package io.portico.live;

import java.util.UUID;

import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.project.ProjectService;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Inputs;
import io.portico.shared.PorticoException;
import io.portico.milestone.MilestoneChanged;
import io.portico.document.DocumentUnlocked;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/** What open portals receive live. */
@Controller
class LiveController {

	private final EventStreams streams;

	private final ProjectService projects;

	LiveController(EventStreams streams, ProjectService projects) {
		this.streams = streams;
		this.projects = projects;
	}

	@SubscriptionMapping
	Flux<MilestoneChanged> milestoneChanged(@Argument @Nullable String projectId,
			@ContextValue(name = LiveShare.CONTEXT_KEY, required = false) @Nullable LiveShare share) {
		return live(projectId, null, share, MilestoneChanged.class);
	}

	@SubscriptionMapping
	Flux<DocumentUnlocked> documentUnlocked(@Argument @Nullable String projectId,
			@ContextValue(name = LiveShare.CONTEXT_KEY, required = false) @Nullable LiveShare share) {
		return live(projectId, null, share, DocumentUnlocked.class);
	}

	@SubscriptionMapping
	Flux<PortalEvent> portalEvents(@Argument @Nullable String projectId, @Argument @Nullable String after,
			@ContextValue(name = LiveShare.CONTEXT_KEY, required = false) @Nullable LiveShare share) {
		return live(projectId, after, share, PortalEvent.class);
	}

	/**
	 * The viewer's events of one type. A subscriber joins the shared stream of its
	 * subscription and lens, replays what it asked for, and completes here: the rest
	 * comes from the shared stream (see {@link SharedSubscriptions}). The shared stream
	 * itself follows live events and reports each one's position.
	 */
	private <E extends PortalEvent> Flux<E> live(@Nullable String projectId, @Nullable String after,
			@Nullable LiveShare share, Class<E> type) {
		UUID project = (projectId != null) ? Inputs.id("projectId", projectId) : null;
		long from = EventLog.position(after);
		return CurrentViewer.get()
			.flatMap((viewer) -> visibleProject(projectId).thenReturn(viewer))
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
	private Mono<Void> visibleProject(@Nullable String projectId) {
		if (projectId == null) {
			return Mono.empty();
		}
		return this.projects.project(projectId)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Project", projectId)))
			.then();
	}

}
