package io.portico.database;

import io.r2dbc.spi.Parameters;
import org.jspecify.annotations.Nullable;

/** Small helpers for binding statement parameters. */
public final class Sql {

	private Sql() {
	}

	/** A bind value that may be {@code null}; the driver still needs its type. */
	public static Object nullable(@Nullable Object value, Class<?> type) {
		return (value != null) ? value : Parameters.in(type);
	}

}
