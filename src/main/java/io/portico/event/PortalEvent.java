package io.portico.event;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An entry of a tenant's event log as portals see it. Each kind is a record of the
 * feature it is about, registered with the log as an {@link EventKind}; the GraphQL type
 * of each is its record's simple name.
 *
 * <p>
 * The header (position, project, actor, time) is the log's; every other component of the
 * record is stored as JSON. An event built to be appended carries {@link #UNASSIGNED} as
 * its position: the log assigns it in commit order.
 */
public interface PortalEvent {

	/** The position of an event that has not been appended yet. */
	long UNASSIGNED = 0;

	long seq();

	UUID projectId();

	@Nullable String actor();

	OffsetDateTime occurredAt();

	/** The position in the tenant's log, as an opaque string callers pass back. */
	default String cursor() {
		return EventLog.cursor(seq());
	}

	/**
	 * The milestone the event is about, if any: a viewer who may not see it does not see
	 * the event either (the client lens of the log).
	 */
	default @Nullable UUID aboutMilestone() {
		return null;
	}

	/** The document the event is about, if any: seen only by who may see it. */
	default @Nullable UUID aboutDocument() {
		return null;
	}

	/**
	 * Whether only staff may see the event (an internal handoff): the client lens hides
	 * it whatever it is about.
	 */
	default boolean internal() {
		return false;
	}

	/**
	 * What the event changed, as a summary of changes counts it ("2 stages completed, 1
	 * invoice issued"); null for events counted only as other updates.
	 */
	default @Nullable Change change() {
		return null;
	}

	/**
	 * A countable change: what changed and what happened to it. {@link #MILESTONE},
	 * {@link #PROJECT} and {@link #DELIVERABLE} stand for the tenant's own words.
	 *
	 * @param noun what changed, singular
	 * @param verb what happened to it, as a past participle
	 */
	record Change(String noun, String verb) {

		public static final String MILESTONE = "{milestone}";

		public static final String PROJECT = "{project}";

		public static final String DELIVERABLE = "{deliverable}";

	}

}
