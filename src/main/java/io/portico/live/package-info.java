/**
 * Live delivery, from the event log to the socket: the bus that follows the log, the
 * per-viewer streams, shared subscriptions and the transports (GraphQL over WebSocket and
 * over Server-Sent Events). The features record events in the log and declare their own
 * subscription fields over {@link LiveEvents#stream}; nothing here names a feature.
 *
 * <pre>
 * mutation ─► EventLog.append ─► COMMIT ─► NOTIFY portico_events
 *                                                │
 * EventBus ◄── LISTEN (one connection) ──────────┘
 *   │ reads the tenant's log after its last position, in order (EventLog.since),
 *   │ into each subscriber's Mailbox
 *   ▼
 * EventStreams.follow(viewer): replay after a cursor, then live; each event checked
 *   │ under the viewer's lens (one statement per client account and event)
 *   ▼
 * SharedGroups: one lead execution per (subscription shape, lens) runs the selection
 *   │ once per event; EncodedResult encodes it to JSON once
 *   ▼
 * each member (SharedSubscriptions joined it after its own replay): its own Mailbox
 *   │ (bounded: SLOW_SUBSCRIBER), token expiry (TOKEN_EXPIRED)
 *   ▼
 * WebSocket: SocketFrameEncoder frames the shared bytes per socket id; SSE: the same
 * entries serialized per stream
 * </pre>
 *
 * Ordering: graphql-java keeps a subscription's events in order only when asked
 * ({@link SubscriptionExecution}); the group pairs each result with the event that
 * produced it on that guarantee.
 */
@NullMarked
package io.portico.live;

import org.jspecify.annotations.NullMarked;
