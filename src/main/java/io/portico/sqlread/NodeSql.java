package io.portico.sqlread;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import graphql.language.Field;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

/**
 * Writes the SQL expression that builds one object's JSON for a selection: its columns
 * under their response keys, and each list as a correlated subquery aggregating the child
 * rows' objects in their declared order, as deep as the selection goes.
 *
 * <pre>
 * { id name milestones { id } }  on Project, under alias "project"
 *   ─► json_build_object('id', project.id, 'name', project.name,
 *        'milestones', (SELECT coalesce(json_agg(json_build_object('id', _1.id)
 *                        ORDER BY _1.position), '[]')
 *                       FROM milestone _1
 *                       WHERE _1.tenant_id = project.tenant_id AND _1.project_id = project.id))
 * </pre>
 */
final class NodeSql {

	/** json_build_object takes at most 100 arguments, a key and a value per field. */
	private static final int MAX_FIELDS = 50;

	/** What GraphQL allows as a name, so a response key is safe inside quotes. */
	private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

	private final SqlSchema declared;

	private final GraphQLSchema schema;

	NodeSql(SqlSchema declared, GraphQLSchema schema) {
		this.declared = declared;
		this.schema = schema;
	}

	/**
	 * The alias of a root's table: the table's own name, as its feature's SQL uses it.
	 */
	String rootAlias(String type) {
		SqlSchema.Table table = this.declared.tableOf(type);
		if (table == null) {
			throw new SqlPlans.Unsupported(type + " is not a table");
		}
		return table.name();
	}

	String object(String type, SelectionSet selections, String alias, int depth) {
		SqlSchema.Table table = this.declared.tableOf(type);
		if (table == null) {
			throw new SqlPlans.Unsupported(type + " is not a table");
		}
		GraphQLObjectType objectType = this.schema.getObjectType(type);
		List<String> arguments = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (Selection<?> selection : selections.getSelections()) {
			Field field = SqlPlans.plainField(selection);
			String key = key(field, keys);
			if (!field.getArguments().isEmpty()) {
				throw new SqlPlans.Unsupported(type + "." + field.getName() + " has arguments");
			}
			arguments.add("'" + key + "'");
			arguments.add(value(table, objectType, field, alias, depth));
		}
		if (keys.size() > MAX_FIELDS) {
			throw new SqlPlans.Unsupported("more than " + MAX_FIELDS + " fields of " + type);
		}
		return "json_build_object(" + String.join(", ", arguments) + ")";
	}

	private String value(SqlSchema.Table table, GraphQLObjectType type, Field field, String alias, int depth) {
		String name = field.getName();
		if (name.equals("__typename")) {
			return "CAST('" + type.getName() + "' AS text)";
		}
		String column = table.column(name);
		if (column != null) {
			return column.contains("%s") ? column.replace("%s", alias) : alias + "." + column;
		}
		SqlSchema.ListField list = this.declared.listOf(type.getName(), name);
		if (list == null) {
			throw new SqlPlans.Unsupported(type.getName() + "." + name + " has no SQL");
		}
		SqlSchema.Table child = this.declared.tableOf(list.childType());
		GraphQLFieldDefinition definition = type.getFieldDefinition(name);
		if (child == null || definition == null
				|| !GraphQLTypeUtil.unwrapAll(definition.getType()).getName().equals(list.childType())) {
			throw new SqlPlans.Unsupported(type.getName() + "." + name + " is not a list of its declared rows");
		}
		String childAlias = "_" + (depth + 1);
		String order = list.orderBy()
			.stream()
			.map((orderColumn) -> childAlias + "." + orderColumn)
			.collect(Collectors.joining(", "));
		return "(SELECT coalesce(json_agg(" + object(list.childType(), field.getSelectionSet(), childAlias, depth + 1)
				+ " ORDER BY " + order + "), '[]') FROM " + child.name() + " " + childAlias + " WHERE " + childAlias
				+ ".tenant_id = " + alias + ".tenant_id AND " + childAlias + "." + list.foreignKey() + " = " + alias
				+ ".id)";
	}

	/** The field's response key, refused when a selection set holds it twice. */
	static String key(Field field, Set<String> keys) {
		String key = (field.getAlias() != null) ? field.getAlias() : field.getName();
		if (!NAME.matcher(key).matches() || !keys.add(key)) {
			throw new SqlPlans.Unsupported("the key " + key + " is selected twice");
		}
		return key;
	}

}
