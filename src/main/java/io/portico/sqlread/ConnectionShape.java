package io.portico.sqlread;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import graphql.language.Field;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.portico.shared.Page;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.util.RawValue;

/**
 * A Relay connection's selection, compiled once: which of {@code edges} (with
 * {@code cursor} and {@code node}), {@code pageInfo} and {@code __typename} it asks for,
 * under which keys, and the SQL of its one {@code node} selection. Writing a page then
 * walks this shape; the nodes go out as the JSON the database wrote.
 */
final class ConnectionShape {

	/** One selected field of the connection, an edge or the page info. */
	private interface Part {

		@Nullable Object value(Page<Object> page, @Nullable Object row, SqlRoot<Object> root);

	}

	private final List<Map.Entry<String, Part>> parts;

	private final String nodeJson;

	private final boolean cursors;

	private ConnectionShape(List<Map.Entry<String, Part>> parts, String nodeJson, boolean cursors) {
		this.parts = parts;
		this.nodeJson = nodeJson;
		this.cursors = cursors;
	}

	/** The SQL that builds a node's JSON, NULL when no node is selected. */
	String nodeJson() {
		return this.nodeJson;
	}

	/** Whether the query asks for any cursor, an edge's or the page's. */
	boolean cursors() {
		return this.cursors;
	}

	Map<String, @Nullable Object> write(Page<Object> page, SqlRoot<Object> root) {
		return values(this.parts, page, null, root);
	}

	static ConnectionShape compile(GraphQLObjectType connection, SelectionSet selections, String nodeType,
			NodeSql nodes) {
		Compiler compiler = new Compiler(nodeType, nodes);
		List<Map.Entry<String, Part>> parts = compiler.connection(connection, selections);
		return new ConnectionShape(parts, (compiler.nodeJson != null) ? compiler.nodeJson : "NULL", compiler.cursors);
	}

	private static Map<String, @Nullable Object> values(List<Map.Entry<String, Part>> parts, Page<Object> page,
			@Nullable Object row, SqlRoot<Object> root) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, Part> part : parts) {
			values.put(part.getKey(), part.getValue().value(page, row, root));
		}
		return values;
	}

	private static final class Compiler {

		private final String nodeType;

		private final NodeSql nodes;

		private @Nullable String nodeJson;

		private boolean cursors;

		Compiler(String nodeType, NodeSql nodes) {
			this.nodeType = nodeType;
			this.nodes = nodes;
		}

		List<Map.Entry<String, Part>> connection(GraphQLObjectType type, SelectionSet selections) {
			return parts(selections, (field) -> switch (field.getName()) {
				case "__typename" -> constant(type.getName());
				case "edges" -> edges(objectType(type, field), field.getSelectionSet());
				case "pageInfo" -> pageInfo(objectType(type, field), field.getSelectionSet());
				default -> throw unsupported(type, field);
			});
		}

		private Part edges(GraphQLObjectType type, SelectionSet selections) {
			List<Map.Entry<String, Part>> edge = parts(selections, (field) -> switch (field.getName()) {
				case "__typename" -> constant(type.getName());
				case "cursor" -> cursor((page, row, root) -> page.cursor(row));
				case "node" -> node(field);
				default -> throw unsupported(type, field);
			});
			return (page, row, root) -> {
				List<Map<String, @Nullable Object>> edges = new ArrayList<>(page.nodes().size());
				for (Object node : page.nodes()) {
					edges.add(values(edge, page, node, root));
				}
				return edges;
			};
		}

		private Part node(Field field) {
			if (this.nodeJson != null) {
				throw new SqlPlans.Unsupported("the node is selected twice");
			}
			this.nodeJson = this.nodes.object(this.nodeType, field.getSelectionSet(),
					this.nodes.rootAlias(this.nodeType), 0);
			return (page, row, root) -> new RawValue(root.json(row));
		}

		private Part cursor(Part part) {
			this.cursors = true;
			return part;
		}

		private Part pageInfo(GraphQLObjectType type, SelectionSet selections) {
			List<Map.Entry<String, Part>> info = parts(selections, (field) -> switch (field.getName()) {
				case "__typename" -> constant(type.getName());
				case "hasNextPage" -> (page, row, root) -> page.hasNextPage();
				case "hasPreviousPage" -> (page, row, root) -> page.hasPreviousPage();
				case "startCursor" ->
					cursor((page, row, root) -> page.nodes().isEmpty() ? null : page.cursor(page.nodes().get(0)));
				case "endCursor" -> cursor((page, row, root) -> page.nodes().isEmpty() ? null
						: page.cursor(page.nodes().get(page.nodes().size() - 1)));
				default -> throw unsupported(type, field);
			});
			return (page, row, root) -> values(info, page, row, root);
		}

		private static Part constant(String value) {
			return (page, row, root) -> value;
		}

		private static List<Map.Entry<String, Part>> parts(SelectionSet selections, Function<Field, Part> part) {
			List<Map.Entry<String, Part>> parts = new ArrayList<>();
			Set<String> keys = new HashSet<>();
			for (Selection<?> selection : selections.getSelections()) {
				Field field = SqlPlans.plainField(selection);
				String key = NodeSql.key(field, keys);
				if (!field.getArguments().isEmpty()) {
					throw new SqlPlans.Unsupported(field.getName() + " has arguments");
				}
				parts.add(Map.entry(key, part.apply(field)));
			}
			return parts;
		}

		private static GraphQLObjectType objectType(GraphQLObjectType parent, Field field) {
			GraphQLFieldDefinition definition = parent.getFieldDefinition(field.getName());
			GraphQLType type = (definition != null) ? GraphQLTypeUtil.unwrapAll(definition.getType()) : null;
			if (type instanceof GraphQLObjectType object) {
				return object;
			}
			throw unsupported(parent, field);
		}

		private static SqlPlans.Unsupported unsupported(GraphQLObjectType type, Field field) {
			return new SqlPlans.Unsupported(type.getName() + "." + field.getName() + " is not a connection field");
		}

	}

}
