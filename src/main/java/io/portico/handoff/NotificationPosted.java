package io.portico.handoff;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A notification was posted for a staff team; what the {@code notifications} subscription
 * follows. Staff only.
 *
 * @param seq position in the tenant's log
 * @param projectId the project it is about
 * @param notificationId the notification
 * @param team the team told
 * @param actor whose action caused it
 * @param occurredAt when
 */
public record NotificationPosted(long seq, UUID projectId, UUID notificationId, String team, @Nullable String actor,
		OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<NotificationPosted> KIND = new EventKind<>("NOTIFICATION_POSTED", NotificationPosted.class);

	@Override
	public boolean internal() {
		return true;
	}

}
