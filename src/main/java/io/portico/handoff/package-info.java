/**
 * Whose turn it is: handoffs between teams when a milestone completes, notifications for
 * staff teams, and, for everyone, the party a project waits on.
 *
 * <pre>
 * milestone completes ──CompletionEffect(400)──► the template's handoff rule
 *     ├─► handoff row (to-team, notified, released)          staff only
 *     ├─► Notification per notified and released team ──► NotificationPosted (internal)
 *     └─► HandedOff (internal event)
 * Notifications.post(…) ◄── other features (a change order decided)
 * subscription notifications ◄── NotificationPosted for the viewer's teams
 * Project.whoseTurn ◄── portico_current_milestone: the first milestone not completed
 * </pre>
 *
 * Clients never see a handoff, a notification or a team: the client lens hides the rows
 * and the internal events, and {@code whoseTurn} tells a CLIENT only "the team".
 */
@NullMarked
package io.portico.handoff;

import org.jspecify.annotations.NullMarked;
