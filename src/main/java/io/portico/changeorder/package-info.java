/**
 * Change orders: how scope changes once it is locked. Staff propose, the client decides,
 * and an approval does everything it promises in one transaction.
 *
 * <pre>
 * proposeChangeOrder (staff) ──► PROPOSED ──► ChangeOrderProposed
 *   approveChangeOrder (client) ──► APPROVED, signed off ──► contract value raised
 *       ──► cost billed (billing: at once, or with the next paying milestone)
 *       ──► new criteria added, due dates from the affected milestone on shifted
 *       ──► ChangeOrderDecided ──► the proposing team notified
 *   rejectChangeOrder (client, with a reason) ──► REJECTED ──► ChangeOrderDecided
 *   withdrawChangeOrder (staff) ──► WITHDRAWN ──► ChangeOrderDecided
 * </pre>
 *
 * A CLIENT sees every change order of its projects; the milestone one affects is shown to
 * it only if it may see that milestone.
 */
@NullMarked
package io.portico.changeorder;

import org.jspecify.annotations.NullMarked;
