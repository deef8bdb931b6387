package io.portico.billing;

import java.util.UUID;

import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/** An event about one invoice, seen by who may see the invoice's milestone. */
interface InvoiceEvent extends PortalEvent {

	UUID invoiceId();

	@Nullable UUID milestoneId();

	@Override
	default @Nullable UUID aboutMilestone() {
		return milestoneId();
	}

}
