/**
 * Deliverable reviews (agency): revision rounds counted from the approver's requests for
 * changes, included by the template, bought by approved change orders.
 *
 * <pre>
 * requestChanges ─► MilestoneWorkflow ─► RevisionRoundsGuard
 *                      rounds = template's included + change orders' bought − changes requested
 *                      none left ─► CHANGE_ORDER_REQUIRED
 * </pre>
 */
@NullMarked
package io.portico.review;

import org.jspecify.annotations.NullMarked;
