package io.portico.portal;

import java.util.UUID;

import io.portico.event.EventStreams;
import io.portico.event.PortalEvent;
import io.portico.project.ProjectService;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Inputs;
import io.portico.shared.PorticoException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
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
	Flux<PortalEvent.MilestoneChanged> milestoneChanged(@Argument @Nullable String projectId) {
		return portalEvents(projectId, null).ofType(PortalEvent.MilestoneChanged.class);
	}

	@SubscriptionMapping
	Flux<PortalEvent> portalEvents(@Argument @Nullable String projectId, @Argument @Nullable String after) {
		UUID project = (projectId != null) ? Inputs.id("projectId", projectId) : null;
		return CurrentViewer.get()
			.flatMap((viewer) -> visibleProject(projectId).thenReturn(viewer))
			.flatMapMany((viewer) -> this.streams.follow(viewer, project, after));
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
