package io.portico.sqlread;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A root field's arguments after variables and defaults: Integer, String (strings, IDs
 * and enum values), Boolean or a List of them, or null.
 */
public final class SqlArguments {

	private final Map<String, @Nullable Object> values;

	SqlArguments(Map<String, @Nullable Object> values) {
		this.values = values;
	}

	public @Nullable Integer integer(String name) {
		return typed(name, Integer.class);
	}

	public @Nullable String string(String name) {
		return typed(name, String.class);
	}

	@SuppressWarnings("unchecked")
	public @Nullable List<String> strings(String name) {
		List<?> list = typed(name, List.class);
		if (list != null && !list.stream().allMatch(String.class::isInstance)) {
			throw new SqlPlans.Unsupported("'" + name + "' is not a list of strings");
		}
		return (List<String>) list;
	}

	private <T> @Nullable T typed(String name, Class<T> type) {
		Object value = this.values.get(name);
		if (value != null && !type.isInstance(value)) {
			throw new SqlPlans.Unsupported("'" + name + "' is not a " + type.getSimpleName());
		}
		return type.cast(value);
	}

}
