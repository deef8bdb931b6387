package io.portico.database;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Where a statement's values go in its text: bound as parameters ({@link #bound()}), or
 * written in as literals ({@link #literals()}) for a read that PostgreSQL gets as one
 * message with its transaction and scope ({@link TenantDatabase#readInOneMessage}), a
 * message that takes no parameters. A repository writes its statement once, for both.
 */
public interface SqlValues {

	/** The value's place in the statement's text. */
	String of(Object value);

	static Bound bound() {
		return new Bound();
	}

	static SqlValues literals() {
		return Literals::of;
	}

	/** Values bound as the named parameters {@code :v1, :v2, ...}, in order. */
	final class Bound implements SqlValues {

		private final Map<String, Object> values = new LinkedHashMap<>();

		private Bound() {
		}

		@Override
		public String of(Object value) {
			String name = "v" + (this.values.size() + 1);
			this.values.put(name, value);
			return ":" + name;
		}

		/** The statement with every value written so far bound. */
		public DatabaseClient.GenericExecuteSpec bindTo(DatabaseClient.GenericExecuteSpec statement) {
			DatabaseClient.GenericExecuteSpec bound = statement;
			for (Map.Entry<String, Object> value : this.values.entrySet()) {
				bound = bound.bind(value.getKey(), value.getValue());
			}
			return bound;
		}

	}

}
