package io.portico.handoff;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.database.TenantDatabase;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.handoff.HandoffRepository.Position;
import io.portico.shared.Cursors;
import io.portico.shared.Inputs;
import io.portico.shared.Page;
import io.portico.shared.PorticoException;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * Notifications for staff teams: posted by features inside their own transactions, read
 * and marked read by the teams' members. STAFF see their teams' notifications; ADMIN see
 * every team's.
 */
@Service
public class Notifications {

	private static final int MAX_PAGE = 100;

	private final TenantDatabase database;

	private final HandoffRepository repository;

	private final EventLog events;

	private final Clock clock;

	Notifications(TenantDatabase database, HandoffRepository repository, EventLog events, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.events = events;
		this.clock = clock;
	}

	@Bean
	static EventKind<NotificationPosted> notificationPostedKind() {
		return NotificationPosted.KIND;
	}

	/**
	 * Tells a team something, inside the caller's transaction; its subscribers hear of it
	 * when that commits.
	 */
	public Mono<Void> post(Viewer viewer, String team, String kind, String message, UUID projectId,
			@Nullable UUID milestoneId) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.MICROS);
		Notification notification = new Notification(UUID.randomUUID(), team, kind, message, projectId, milestoneId,
				now, false);
		return this.repository.insert(viewer, notification)
			.then(this.events.append(viewer,
					new NotificationPosted(PortalEvent.UNASSIGNED, projectId, notification.id(), team, viewer.subject(),
							now)))
			.then();
	}

	/** A page of the viewer's notifications, unread first, with the unread count. */
	Mono<NotificationPage> page(@Nullable Integer first, @Nullable String after, boolean unreadOnly) {
		int size = Inputs.pageSize(first, MAX_PAGE);
		Position position = decode(after);
		return this.database.forCurrentViewer((viewer) -> {
			List<String> teams = teams(viewer);
			return this.repository.page(viewer, teams, unreadOnly, position, size + 1)
				.collectList()
				.zipWith(this.repository.unread(viewer, teams))
				.map((loaded) -> {
					return new NotificationPage(Page.of(loaded.getT1(), size, Notifications::encode, after != null),
							loaded.getT2().intValue());
				});
		});
	}

	/** A page with how many of the viewer's notifications are unread in all. */
	record NotificationPage(Page<Notification> page, int unread) {
	}

	Mono<Map<UUID, Notification>> byIds(Collection<UUID> ids) {
		return this.database
			.forCurrentViewer((viewer) -> this.repository.byIds(viewer, ids).collectMap(Notification::id));
	}

	/** Marks the viewer's notifications read; how many were unread. */
	Mono<Integer> markRead(List<String> ids) {
		List<UUID> uuids = ids.stream().map((id) -> Inputs.id("ids", id)).toList();
		return this.database.forCurrentViewer((viewer) -> this.repository.markRead(viewer, teams(viewer), uuids))
			.map(Long::intValue);
	}

	/** Whether the viewer is told what is posted for the team. */
	static boolean concerns(Viewer viewer, String team) {
		return viewer.role() == Role.ADMIN || viewer.teams().contains(team);
	}

	/** The teams whose notifications the viewer reads; null for all. */
	private static @Nullable List<String> teams(Viewer viewer) {
		return (viewer.role() == Role.ADMIN) ? null : viewer.teams();
	}

	private static String encode(Notification notification) {
		return Cursors.encode("notification",
				notification.read() + "|" + notification.createdAt().toInstant() + "|" + notification.id());
	}

	private static @Nullable Position decode(@Nullable String after) {
		String value = Cursors.decode("notification", after);
		if (value == null) {
			return null;
		}
		String[] parts = value.split("\\|");
		try {
			return new Position(Boolean.parseBoolean(parts[0]),
					OffsetDateTime.ofInstant(Instant.parse(parts[1]), ZoneOffset.UTC), UUID.fromString(parts[2]));
		}
		catch (RuntimeException ex) {
			throw new PorticoException.Invalid("INVALID_CURSOR", "'after' is not a cursor of this list", "after");
		}
	}

}
