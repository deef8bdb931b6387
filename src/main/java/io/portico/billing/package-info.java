/**
 * Staged payments: the invoices a project's paying milestones schedule when it is
 * created, issue when they complete, and staff mark paid or void.
 *
 * <pre>
 * createProject ──ProjectSetup──► PaymentSchedule splits the contract value ──► SCHEDULED
 * milestone completes ──CompletionEffect(100)──► portico_issue_invoices: ISSUED, numbered
 *                                                 PREFIX-YYYY-NNNN, due after the terms
 *                                                 ──► InvoiceIssued (one per invoice)
 * markInvoicePaid ──► PAID ──► InvoicePaid      voidInvoice ──► VOID ──► InvoiceVoided
 * </pre>
 *
 * A CLIENT never sees a SCHEDULED invoice: the client lens of the invoice table hides
 * them from lists, lookups, events and totals alike.
 */
@NullMarked
package io.portico.billing;

import org.jspecify.annotations.NullMarked;
