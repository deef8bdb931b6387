package io.portico.billing;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.event.EventKind;
import org.jspecify.annotations.Nullable;

/**
 * An invoice was recorded as paid. Seen by the client it bills; never about a SCHEDULED
 * invoice.
 *
 * @param seq position in the tenant's log
 * @param projectId the project billed
 * @param invoiceId the invoice
 * @param milestoneId its milestone, if any: the event is seen by who may see it
 * @param actor who did it
 * @param occurredAt when
 */
public record InvoicePaid(long seq, UUID projectId, UUID invoiceId, @Nullable UUID milestoneId, @Nullable String actor,
		OffsetDateTime occurredAt) implements InvoiceEvent {

	static final EventKind<InvoicePaid> KIND = new EventKind<>("INVOICE_PAID", InvoicePaid.class);

	@Override
	public Change change() {
		return new Change("invoice", "paid");
	}

}
