/**
 * The append-only event log: the activity feed, the audit trail and the source of live
 * updates. The log names no feature: each feature declares its kinds of events
 * ({@link io.portico.event.EventKind}, a record implementing
 * {@link io.portico.event.PortalEvent}) and appends them in the transaction of the change
 * they record.
 *
 * <pre>
 * feature mutation ─► EventLog.append(viewer, event) ─► row (header columns + JSON payload)
 *                                                    └► pg_notify on commit
 * EventBus (LISTEN) ─► EventLog.since ─► EventKinds.read ─► the feature's record
 *                  └► EventStreams (per viewer, lens-checked) ─► subscriptions
 * </pre>
 */
@NullMarked
package io.portico.event;

import org.jspecify.annotations.NullMarked;
