package io.portico.event;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kinds of events the features registered, and how each is stored: the record's own
 * components (all but the header) as a JSON object, read back into the record.
 */
final class EventKinds {

	/** Components every event has; the log keeps them in columns of their own. */
	static final Set<String> HEADER = Set.of("seq", "projectId", "actor", "occurredAt");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Shape> byName = new HashMap<>();

	private final Map<Class<?>, Shape> byType = new HashMap<>();

	EventKinds(List<EventKind<?>> kinds) {
		for (EventKind<?> kind : kinds) {
			for (String header : HEADER) {
				component(kind.type(), header);
			}
			Shape shape = Shape.of(kind);
			if (this.byName.put(kind.name(), shape) != null || this.byType.put(kind.type(), shape) != null) {
				throw new IllegalStateException("Event kind " + kind.name() + " is registered twice");
			}
		}
	}

	/**
	 * A kind with its record's components and canonical constructor, looked up once:
	 * every event the log reads or appends goes through them.
	 */
	private record Shape(EventKind<?> kind, RecordComponent[] components, Constructor<?> constructor) {

		static Shape of(EventKind<?> kind) {
			RecordComponent[] components = kind.type().getRecordComponents();
			Class<?>[] types = new Class<?>[components.length];
			for (int i = 0; i < components.length; i++) {
				types[i] = components[i].getType();
			}
			try {
				Constructor<?> constructor = kind.type().getDeclaredConstructor(types);
				constructor.setAccessible(true);
				for (RecordComponent component : components) {
					component.getAccessor().setAccessible(true);
				}
				return new Shape(kind, components, constructor);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Event kind " + kind.name() + " has no canonical constructor", ex);
			}
		}

	}

	/** The name the log stores for an event's kind. */
	String name(PortalEvent event) {
		return shape(event).kind().name();
	}

	private Shape shape(PortalEvent event) {
		Shape shape = this.byType.get(event.getClass());
		if (shape == null) {
			throw new IllegalStateException(event.getClass().getName() + " is not a registered event kind");
		}
		return shape;
	}

	/** The event's own components, as the JSON the log stores. */
	String payload(PortalEvent event) {
		Map<String, Object> payload = new LinkedHashMap<>();
		for (RecordComponent component : shape(event).components()) {
			if (!HEADER.contains(component.getName())) {
				try {
					payload.put(component.getName(), component.getAccessor().invoke(event));
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException("Cannot read " + component, ex);
				}
			}
		}
		return json.writeValueAsString(payload);
	}

	/**
	 * The event of a row of the log, or null for a kind this instance does not know (one
	 * written by a newer version).
	 */
	@Nullable PortalEvent read(String name, long seq, UUID projectId, @Nullable String actor, OffsetDateTime at, String payload) {
		Shape shape = this.byName.get(name);
		if (shape == null) {
			return null;
		}
		ObjectNode fields = (ObjectNode) json.readTree(payload);
		RecordComponent[] components = shape.components();
		Object[] arguments = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			arguments[i] = switch (component.getName()) {
				case "seq" -> seq;
				case "projectId" -> projectId;
				case "actor" -> actor;
				case "occurredAt" -> at;
				default -> value(fields.get(component.getName()), component.getType());
			};
		}
		try {
			return (PortalEvent) shape.constructor().newInstance(arguments);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read a " + name + " event", ex);
		}
	}

	private static @Nullable Object value(@Nullable JsonNode node, Class<?> type) {
		if (node == null || node.isNull()) {
			if (type.isPrimitive()) {
				throw new IllegalStateException("A stored event lacks a value of " + type);
			}
			return null;
		}
		return json.treeToValue(node, type);
	}

	private static void component(Class<?> type, String name) {
		for (RecordComponent component : type.getRecordComponents()) {
			if (component.getName().equals(name)) {
				return;
			}
		}
		throw new IllegalStateException(type.getName() + " has no '" + name + "': every event kind starts with "
				+ "seq, projectId, actor and occurredAt");
	}

}
