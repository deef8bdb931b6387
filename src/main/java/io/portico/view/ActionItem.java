package io.portico.view;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.portico.billing.Invoice;
import io.portico.changeorder.ChangeOrder;
import io.portico.milestone.Milestone;
import org.jspecify.annotations.Nullable;

/**
 * Something that waits on the viewer.
 *
 * @param kind what to do: one of the constants below
 * @param title what to do, in a few words
 * @param milestone the milestone it concerns, if any
 * @param changeOrder the change order to decide, if any
 * @param invoice the invoice to pay, if any
 * @param dueDate when it is due
 * @param waitingSince since when it waits
 */
record ActionItem(String kind, String title, @Nullable Milestone milestone, @Nullable ChangeOrder changeOrder,
		@Nullable Invoice invoice, @Nullable LocalDate dueDate, @Nullable OffsetDateTime waitingSince) {

	static final String APPROVE_MILESTONE = "approve-milestone";

	static final String DECIDE_CHANGE_ORDER = "decide-change-order";

	static final String MEET_CRITERION = "meet-criterion";

	static final String PAY_INVOICE = "pay-invoice";

	static final String DO_TASK = "do-task";

	static final String ADDRESS_CHANGES = "address-changes";

	static final String RECORD_INSPECTION = "record-inspection";

	static final String FIX_CHECK = "fix-check";

	static final String CHASE_PAYMENT = "chase-payment";

	static ActionItem about(String kind, String title, Milestone milestone) {
		return new ActionItem(kind, title, milestone, null, null, milestone.dueDate(), null);
	}

}
