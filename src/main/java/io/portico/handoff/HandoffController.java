package io.portico.handoff;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import graphql.relay.Connection;
import graphql.relay.Edge;
import graphql.relay.PageInfo;
import io.portico.graphql.Batches;
import io.portico.graphql.Connections;
import io.portico.live.LiveEvents;
import io.portico.live.LiveShare;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.project.Project;
import io.portico.project.Project.ProjectStatus;
import io.portico.project.ProjectService;
import io.portico.shared.CurrentViewer;
import io.portico.shared.StaffOnly;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * Notifications (staff only), handoffs (staff only) and whose turn a project is.
 */
@Controller
class HandoffController {

	private final Notifications notifications;

	private final HandoffService handoffs;

	private final ProjectService projects;

	private final MilestoneService milestones;

	private final LiveEvents live;

	HandoffController(Notifications notifications, HandoffService handoffs, ProjectService projects,
			MilestoneService milestones, LiveEvents live) {
		this.notifications = notifications;
		this.handoffs = handoffs;
		this.projects = projects;
		this.milestones = milestones;
		this.live = live;
	}

	@QueryMapping
	@StaffOnly
	Mono<NotificationConnection> notifications(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable Boolean unreadOnly) {
		return this.notifications.page(first, after, Boolean.TRUE.equals(unreadOnly)).map((found) -> {
			Connection<Notification> connection = Connections.of(found.page());
			return new NotificationConnection(connection.getEdges(), connection.getPageInfo(), found.unread());
		});
	}

	/** A page of notifications with the viewer's unread count. */
	record NotificationConnection(List<Edge<Notification>> edges, PageInfo pageInfo, int unread) {
	}

	@MutationMapping
	@StaffOnly
	Mono<Integer> markNotificationsRead(@Argument List<String> ids) {
		return this.notifications.markRead(ids);
	}

	@SubscriptionMapping
	@StaffOnly
	Flux<Notification> notifications(
			@ContextValue(name = LiveShare.CONTEXT_KEY, required = false) @Nullable LiveShare share) {
		return CurrentViewer.get()
			.flatMapMany((viewer) -> this.live.stream(null, null, share, NotificationPosted.class)
				.filter((posted) -> Notifications.concerns(viewer, posted.team()))
				.concatMap((posted) -> this.notifications.byIds(List.of(posted.notificationId()))
					.mapNotNull((found) -> found.get(posted.notificationId()))));
	}

	@BatchMapping(typeName = "Notification", field = "project")
	Mono<Map<Notification, Project>> notificationProject(List<Notification> notifications) {
		return this.projects.byIds(notifications.stream().map(Notification::projectId).distinct().toList())
			.map((found) -> Batches.byKey(notifications, (n) -> found.get(n.projectId())));
	}

	@BatchMapping(typeName = "Notification", field = "milestone")
	Mono<Map<Notification, Milestone>> notificationMilestone(List<Notification> notifications) {
		return this.milestones
			.byIds(notifications.stream().map(Notification::milestoneId).filter(Objects::nonNull).distinct().toList())
			.map((found) -> Batches.byKey(notifications,
					(n) -> (n.milestoneId() != null) ? found.get(n.milestoneId()) : null));
	}

	@BatchMapping(typeName = "NotificationPosted", field = "notification")
	Mono<Map<NotificationPosted, Notification>> posted(List<NotificationPosted> events) {
		return this.notifications.byIds(events.stream().map(NotificationPosted::notificationId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.notificationId())));
	}

	@BatchMapping(typeName = "HandedOff", field = "milestone")
	Mono<Map<HandedOff, Milestone>> handedOffMilestone(List<HandedOff> events) {
		return this.milestones.byIds(events.stream().map(HandedOff::milestoneId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.milestoneId())));
	}

	// The client lens hides handoff rows from a CLIENT too; a CLIENT is not even asked.
	@BatchMapping(typeName = "Milestone", field = "handoff")
	Mono<Map<Milestone, Handoff>> handoff(List<Milestone> milestones) {
		return CurrentViewer.get()
			.flatMap((viewer) -> viewer.isClient() ? Mono.just(Map.<Milestone, Handoff>of())
					: this.handoffs.handoffs(milestones.stream().map(Milestone::id).distinct().toList())
						.map((found) -> Batches.byKey(milestones, (m) -> found.get(m.id()))));
	}

	@BatchMapping(typeName = "Project", field = "whoseTurn")
	Mono<Map<Project, Turn>> whoseTurn(List<Project> projects) {
		List<UUID> open = projects.stream()
			.filter((p) -> p.status() != ProjectStatus.COMPLETED && p.status() != ProjectStatus.CANCELLED)
			.map(Project::id)
			.toList();
		if (open.isEmpty()) {
			return Mono.just(Map.of());
		}
		return CurrentViewer.get().zipWith(this.handoffs.current(open)).map((loaded) -> Batches.byKey(projects, (p) -> {
			HandoffRepository.Current current = loaded.getT2().get(p.id());
			return (current != null && open.contains(p.id())) ? Turn.of(current, loaded.getT1().isClient()) : null;
		}));
	}

	@BatchMapping(typeName = "Turn", field = "milestone")
	Mono<Map<Turn, Milestone>> turnMilestone(List<Turn> turns) {
		return this.milestones.byIds(turns.stream().map(Turn::milestoneId).distinct().toList())
			.map((found) -> Batches.byKey(turns, (t) -> found.get(t.milestoneId())));
	}

}
