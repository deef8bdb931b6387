package io.portico.sqlread;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.OperationDefinition.Operation;
import graphql.language.Selection;
import graphql.parser.InvalidSyntaxException;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.TrivialDataFetcher;
import io.portico.graphql.ParsedDocuments;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Compiles a query into a {@link SqlPlan} when everything it selects was declared by the
 * features ({@link SqlReadable}), and keeps the outcome per document: a plan, or the
 * knowledge that this document takes the resolvers' path.
 *
 * <p>
 * Only documents graphql-java validates compile, and only plain selections: no fragments,
 * no directives, no field selected twice under one key, no arguments below the root. At
 * start the declarations are checked against the schema: a declared column must be a
 * field no resolver computes, of a scalar whose JSON PostgreSQL writes the same way.
 */
@Component
public class SqlPlans implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(SqlPlans.class);

	/** Characters of document text kept in all. */
	private static final long MAX_CHARACTERS = 4_000_000;

	/** Scalars whose PostgreSQL JSON is what graphql-java writes for them. */
	private static final Set<String> PLAIN_SCALARS = Set.of("ID", "String", "Int", "Boolean", "Date");

	private final Cache<Key, Optional<SqlPlan>> plans = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.<Key, Optional<SqlPlan>>weigher((key, plan) -> key.document().length())
		.build();

	private final ParsedDocuments documents;

	private final ObjectProvider<GraphQlSource> source;

	private final SqlSchema declared = new SqlSchema();

	SqlPlans(ParsedDocuments documents, ObjectProvider<GraphQlSource> source, List<SqlReadable> features) {
		this.documents = documents;
		this.source = source;
		features.forEach((feature) -> feature.declare(this.declared));
	}

	/** Why a document, a field or a value takes the resolvers' path. */
	static final class Unsupported extends RuntimeException {

		Unsupported(String why) {
			super(why, null, false, false);
		}

	}

	/** The plan of a query, or null when it takes the resolvers' path. */
	@Nullable SqlPlan plan(String document, @Nullable String operationName) {
		return this.plans.get(new Key(document, operationName), (key) -> compile(document, operationName)).orElse(null);
	}

	/** A document and the operation a request runs from it. */
	private record Key(String document, @Nullable String operationName) {
	}

	private Optional<SqlPlan> compile(String text, @Nullable String operationName) {
		try {
			GraphQLSchema schema = this.source.getObject().schema();
			Document document = this.documents.document(text);
			OperationDefinition operation = ParsedDocuments.operationOf(document, operationName);
			if (operation == null || operation.getOperation() != Operation.QUERY || !operation.getDirectives().isEmpty()
					|| !ParseAndValidate.validate(schema, document).isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(new SqlPlan(operation, roots(schema, operation)));
		}
		catch (Unsupported ex) {
			logger.debug("Query " + operationName + " takes the resolvers' path: " + ex.getMessage());
			return Optional.empty();
		}
		catch (InvalidSyntaxException ex) {
			return Optional.empty();
		}
	}

	@SuppressWarnings("unchecked")
	private List<SqlPlan.Root> roots(GraphQLSchema schema, OperationDefinition operation) {
		NodeSql nodes = new NodeSql(this.declared, schema);
		List<SqlPlan.Root> roots = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
			Field field = plainField(selection);
			String key = NodeSql.key(field, keys);
			if (field.getName().equals("__typename")) {
				roots.add(new SqlPlan.Root(key, field, null, null, null));
				continue;
			}
			SqlRoot<Object> root = (SqlRoot<Object>) this.declared.root(field.getName());
			GraphQLFieldDefinition definition = schema.getQueryType().getFieldDefinition(field.getName());
			if (root == null || definition == null
					|| !(GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLObjectType connection)) {
				throw new Unsupported("Query." + field.getName() + " has no SQL");
			}
			roots.add(new SqlPlan.Root(key, field, definition, root,
					ConnectionShape.compile(connection, field.getSelectionSet(), root.nodeType(), nodes)));
		}
		return roots;
	}

	/** A selection that is a field without directives; fragments are not compiled. */
	static Field plainField(Selection<?> selection) {
		if (selection instanceof Field field && field.getDirectives().isEmpty()) {
			return field;
		}
		throw new Unsupported("a fragment or a directive");
	}

	/** Refuses to start with declarations the schema does not bear out. */
	@Override
	public void afterSingletonsInstantiated() {
		GraphQLSchema schema = this.source.getObject().schema();
		for (SqlSchema.Table table : this.declared.tables().values()) {
			GraphQLObjectType type = schema.getObjectType(table.type());
			check(type != null, table.type() + " is not an object type");
			for (Map.Entry<String, String> column : table.columns().entrySet()) {
				GraphQLFieldDefinition field = type.getFieldDefinition(column.getKey());
				String name = table.type() + "." + column.getKey();
				check(field != null, name + " is not a field");
				GraphQLType fieldType = GraphQLTypeUtil.unwrapNonNull(field.getType());
				check(fieldType instanceof GraphQLEnumType
						|| fieldType instanceof GraphQLScalarType scalar && PLAIN_SCALARS.contains(scalar.getName()),
						name + " is not a scalar PostgreSQL writes as graphql-java does");
				check(schema.getCodeRegistry()
					.getDataFetcher(FieldCoordinates.coordinates(type, field), field) instanceof TrivialDataFetcher,
						name + " has a resolver; its SQL would skip it");
			}
		}
		this.declared.lists().forEach((name, list) -> {
			String[] parts = name.split("\\.");
			GraphQLObjectType parent = schema.getObjectType(parts[0]);
			GraphQLFieldDefinition field = (parent != null) ? parent.getFieldDefinition(parts[1]) : null;
			check(field != null && GraphQLTypeUtil.unwrapNonNull(field.getType()) instanceof GraphQLList
					&& GraphQLTypeUtil.unwrapAll(field.getType()).getName().equals(list.childType())
					&& this.declared.tableOf(list.childType()) != null, name + " is not a list of declared rows");
		});
		this.declared.roots()
			.forEach((name, root) -> check(
					schema.getQueryType().getFieldDefinition(name) != null
							&& this.declared.tableOf(root.nodeType()) != null,
					"Query." + name + " is not a connection of declared rows"));
	}

	private static void check(boolean holds, String otherwise) {
		if (!holds) {
			throw new IllegalStateException("SQL declaration: " + otherwise);
		}
	}

}
