package io.portico.event;

/**
 * A kind of event a feature records: its name in the log and its record. A feature
 * declares each of its kinds as a bean; the log reads back only kinds it knows.
 *
 * @param name the name stored in the log, never changed once events exist
 * @param type the record portals receive
 * @param <E> the record
 */
public record EventKind<E extends PortalEvent>(String name, Class<E> type) {

	public EventKind {
		if (!type.isRecord()) {
			throw new IllegalArgumentException(type.getName() + " must be a record");
		}
	}

}
