/**
 * Milestones: the workflow and its rules, acceptance (criteria, deliverables, approval
 * notes), sign-offs, the scope lock, the schedule (forecast, health, progress), and what
 * completing a milestone does.
 *
 * <pre>
 * approveMilestone / completeMilestone
 *   └─ lock the row, check the version, MilestoneWorkflow decides the transition
 *   └─ criteria met? (CRITERIA_UNMET unless advisory)
 *   └─ sign-off, status, MilestoneChanged
 *   └─ every CompletionEffect bean in its order, same transaction:
 *        100 billing: invoices issued      200 here: scope locked
 *        300 here: documents unlocked      400 handoff: handed off, notified
 *        500 project: project completed
 * </pre>
 *
 * Features that act on completion register an effect instead of being called from here,
 * so this package depends on none of them.
 */
@NullMarked
package io.portico.milestone;

import org.jspecify.annotations.NullMarked;
