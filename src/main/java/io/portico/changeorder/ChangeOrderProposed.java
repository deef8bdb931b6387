package io.portico.changeorder;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * Staff proposed a change order; the client is asked to decide.
 *
 * @param seq position in the tenant's log
 * @param projectId the project
 * @param changeOrderId the change order
 * @param actor who proposed it
 * @param occurredAt when
 */
public record ChangeOrderProposed(long seq, UUID projectId, UUID changeOrderId, @Nullable String actor,
		OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<ChangeOrderProposed> KIND = new EventKind<>("CHANGE_ORDER_PROPOSED",
			ChangeOrderProposed.class);

	@Override
	public Change change() {
		return new Change("change order", "proposed");
	}

}
