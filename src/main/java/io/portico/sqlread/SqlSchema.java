package io.portico.sqlread;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the features declared the database can answer: object types that are rows of a
 * table, their plain columns, lists that are rows of another table pointing back, and
 * root connections. A field not declared here is answered by its resolver.
 *
 * <p>
 * Every table has a {@code tenant_id} and an {@code id}, and a list's rows share their
 * parent's tenant; that is the shape of every Portico table.
 */
public final class SqlSchema {

	private final Map<String, Table> tables = new HashMap<>();

	private final Map<String, ListField> lists = new HashMap<>();

	private final Map<String, SqlRoot<?>> roots = new HashMap<>();

	/** The table whose rows are the given GraphQL type; declare its columns on it. */
	public Table table(String type, String table) {
		Table declared = new Table(type, table);
		if (this.tables.putIfAbsent(type, declared) != null) {
			throw new IllegalStateException(type + " is declared twice");
		}
		return declared;
	}

	/**
	 * A list field of {@code parentType}: the rows of {@code childType}'s table whose
	 * {@code foreignKey} is the parent's id, in the given order.
	 */
	public void list(String parentType, String field, String childType, String foreignKey, String... orderBy) {
		this.lists.put(parentType + "." + field, new ListField(childType, foreignKey, List.of(orderBy)));
	}

	/** A root connection field of Query. */
	public void connection(String field, SqlRoot<?> root) {
		this.roots.put(field, root);
	}

	@Nullable Table tableOf(String type) {
		return this.tables.get(type);
	}

	@Nullable ListField listOf(String type, String field) {
		return this.lists.get(type + "." + field);
	}

	@Nullable SqlRoot<?> root(String field) {
		return this.roots.get(field);
	}

	Map<String, Table> tables() {
		return this.tables;
	}

	Map<String, ListField> lists() {
		return this.lists;
	}

	Map<String, SqlRoot<?>> roots() {
		return this.roots;
	}

	/** A GraphQL object type whose objects are rows of one table. */
	public static final class Table {

		private final String type;

		private final String name;

		private final Map<String, String> columns = new LinkedHashMap<>();

		Table(String type, String name) {
			this.type = type;
			this.name = name;
		}

		/**
		 * A field that is the column as it is, or an expression over the row with
		 * {@code %s} for the table: PostgreSQL's JSON for its type must be what the
		 * field's scalar writes (text, uuid, int, boolean, and date as YYYY-MM-DD). Not
		 * for timestamps, whose JSON differs from the DateTime scalar's.
		 */
		public Table column(String field, String column) {
			this.columns.put(field, column);
			return this;
		}

		String type() {
			return this.type;
		}

		String name() {
			return this.name;
		}

		@Nullable String column(String field) {
			return this.columns.get(field);
		}

		Map<String, String> columns() {
			return this.columns;
		}

	}

	/** A list of child rows pointing at their parent's id. */
	record ListField(String childType, String foreignKey, List<String> orderBy) {
	}

}
