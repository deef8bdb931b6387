/**
 * The append-only event log: the activity feed, the audit trail and the source of live
 * updates.
 */
@NullMarked
package io.portico.event;

import org.jspecify.annotations.NullMarked;
