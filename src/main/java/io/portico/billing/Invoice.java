package io.portico.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An invoice of a project: for a paying milestone, or for a change order's cost.
 *
 * @param id its id
 * @param projectId the project billed
 * @param milestoneId the milestone whose completion issues it, if any
 * @param changeOrderId the change order it bills, if any
 * @param amount exact, in {@code currency}
 * @param currency ISO 4217
 * @param status where it stands
 * @param number its number once issued, never reused
 * @param issuedAt when it was issued
 * @param dueDate when payment is due
 * @param paidAt when it was paid
 * @param reference the payment reference recorded with the payment
 * @param voidReason why it was voided
 * @param version grows by one on every change
 */
public record Invoice(UUID id, UUID projectId, @Nullable UUID milestoneId, @Nullable UUID changeOrderId,
		BigDecimal amount, String currency, InvoiceStatus status, @Nullable String number,
		@Nullable OffsetDateTime issuedAt, @Nullable LocalDate dueDate, @Nullable OffsetDateTime paidAt,
		@Nullable String reference, @Nullable String voidReason, int version) {

	public enum InvoiceStatus {

		/** Known in advance; issued when its milestone completes. Staff only. */
		SCHEDULED,
		/** Sent to the client, numbered, due. */
		ISSUED,
		/** Paid. */
		PAID,
		/** Cancelled after issue; its number stays used. */
		VOID

	}

}
