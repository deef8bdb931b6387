package io.portico.changeorder;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.changeorder.ChangeOrder.ChangeOrderStatus;
import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * A change order was approved or rejected by the client, or withdrawn by staff.
 *
 * @param seq position in the tenant's log
 * @param projectId the project
 * @param changeOrderId the change order
 * @param status its status now
 * @param actor who decided
 * @param occurredAt when
 */
public record ChangeOrderDecided(long seq, UUID projectId, UUID changeOrderId, ChangeOrderStatus status,
		@Nullable String actor, OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<ChangeOrderDecided> KIND = new EventKind<>("CHANGE_ORDER_DECIDED", ChangeOrderDecided.class);

	@Override
	public Change change() {
		return new Change("change order", this.status.name().toLowerCase(java.util.Locale.ROOT));
	}

}
