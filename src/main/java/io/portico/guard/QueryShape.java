package io.portico.guard;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * How big an operation is, measured from its document before anything runs.
 *
 * <p>
 * The cost is the number of objects the answer may hold: a field of an object type counts
 * once for each object of its parent; a list of objects counts its size, which is the
 * page size ({@code first}, or the argument's default) inside a connection and under any
 * field with a {@code first} argument, and {@value #LIST_ESTIMATE} for a list that is not
 * paged. Nested lists multiply. Scalars cost nothing (they come with their object), and
 * introspection ({@code __schema}, {@code __type}) is left to graphql-java's own checks.
 * Twenty projects with their milestones and documents cost
 * {@code 1 + 20 + 20 + 200 + 2,000}.
 *
 * <p>
 * Measuring stops as soon as the operation is over a limit, so a document whose fragments
 * would expand without end costs no more to refuse than one over the limit by a little.
 * Fields graphql-java will refuse as unknown are counted and not followed.
 *
 * @param depth fields nested in one another, the outermost counted as 1
 * @param fields field selections, aliases and fragment expansions counted
 * @param rootFields fields at the top of the operation
 * @param cost objects the answer may hold
 */
record QueryShape(int depth, int fields, int rootFields, long cost) {

	/** The size assumed for a list of objects that is not paged. */
	static final int LIST_ESTIMATE = 10;

	static QueryShape measure(GraphQLSchema schema, Document document, OperationDefinition operation,
			Map<String, @Nullable Object> variables, LimitsProperties limits) {
		Measure measure = new Measure(schema, document, operation, variables, limits);
		GraphQLCompositeType root = switch (operation.getOperation()) {
			case QUERY -> schema.getQueryType();
			case MUTATION -> schema.getMutationType();
			case SUBSCRIPTION -> schema.getSubscriptionType();
		};
		if (root != null) {
			measure.walk(operation.getSelectionSet(), root, 1, 1, 0);
		}
		return new QueryShape(measure.depth, measure.fields, measure.rootFields, measure.cost);
	}

	private static final class Measure {

		private final GraphQLSchema schema;

		private final Map<String, FragmentDefinition> fragments;

		private final Map<String, VariableDefinition> declared;

		private final Map<String, @Nullable Object> variables;

		private final LimitsProperties limits;

		private final Set<String> spreading = new HashSet<>();

		int depth;

		int fields;

		int rootFields;

		long cost;

		Measure(GraphQLSchema schema, Document document, OperationDefinition operation,
				Map<String, @Nullable Object> variables, LimitsProperties limits) {
			this.schema = schema;
			this.fragments = new HashMap<>();
			document.getDefinitionsOfType(FragmentDefinition.class)
				.forEach((fragment) -> this.fragments.putIfAbsent(fragment.getName(), fragment));
			this.declared = new HashMap<>();
			operation.getVariableDefinitions()
				.forEach((definition) -> this.declared.put(definition.getName(), definition));
			this.variables = variables;
			this.limits = limits;
		}

		private boolean over() {
			return this.fields > this.limits.maxFields() || this.rootFields > this.limits.maxRootFields()
					|| this.cost > this.limits.maxCost() || this.depth > this.limits.maxDepth();
		}

		/**
		 * @param instances objects of {@code type} the answer may hold
		 * @param pageSize the size of lists directly inside a connection; 0 elsewhere
		 */
		void walk(SelectionSet selections, GraphQLCompositeType type, int depth, long instances, long pageSize) {
			for (Selection<?> selection : selections.getSelections()) {
				if (over()) {
					return;
				}
				if (selection instanceof DirectivesContainer<?> directed && skipped(directed)) {
					continue;
				}
				if (selection instanceof Field field) {
					field(field, type, depth, instances, pageSize);
				}
				else if (selection instanceof InlineFragment inline) {
					walk(inline.getSelectionSet(), typeOr(inline.getTypeCondition(), type), depth, instances, pageSize);
				}
				else if (selection instanceof FragmentSpread spread) {
					FragmentDefinition fragment = this.fragments.get(spread.getName());
					// A fragment spread inside itself is refused by validation; not
					// followed.
					if (fragment != null && this.spreading.add(spread.getName())) {
						walk(fragment.getSelectionSet(), typeOr(fragment.getTypeCondition(), type), depth, instances,
								pageSize);
						this.spreading.remove(spread.getName());
					}
				}
			}
		}

		private void field(Field field, GraphQLCompositeType parent, int depth, long instances, long pageSize) {
			this.fields++;
			if (depth == 1) {
				this.rootFields++;
			}
			this.depth = Math.max(this.depth, depth);
			if (field.getName().startsWith("__") || field.getSelectionSet() == null) {
				return;
			}
			GraphQLFieldDefinition definition = (parent instanceof GraphQLFieldsContainer container)
					? container.getFieldDefinition(field.getName()) : null;
			if (definition == null
					|| !(GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLCompositeType type)) {
				return;
			}
			long size = 1;
			if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()))) {
				size = (pageSize > 0) ? pageSize : first(field, definition);
			}
			long count = saturated(instances, size);
			this.cost = Math.min(Long.MAX_VALUE / 2, this.cost + count);
			long innerPage = type.getName().endsWith("Connection") ? first(field, definition) : 0;
			walk(field.getSelectionSet(), type, depth + 1, count, innerPage);
		}

		/**
		 * The field's page size: its {@code first} argument, or the estimate of a list.
		 */
		private long first(Field field, GraphQLFieldDefinition definition) {
			GraphQLArgument argument = definition.getArgument("first");
			if (argument == null) {
				return LIST_ESTIMATE;
			}
			Object given = field.getArguments()
				.stream()
				.filter((named) -> named.getName().equals("first"))
				.findFirst()
				.map((named) -> valueOf(named.getValue()))
				.orElse(null);
			if (given == null && argument.hasSetDefaultValue()) {
				given = argument.getArgumentDefaultValue().getValue();
				if (given instanceof Value<?> literal) {
					given = valueOf(literal);
				}
			}
			return (given instanceof Number number) ? Math.max(0, number.longValue()) : LIST_ESTIMATE;
		}

		private boolean skipped(DirectivesContainer<?> selection) {
			for (Directive directive : selection.getDirectives()) {
				if (directive.getArgument("if") == null) {
					continue;
				}
				Object condition = valueOf(directive.getArgument("if").getValue());
				if (directive.getName().equals("skip") && Boolean.TRUE.equals(condition)) {
					return true;
				}
				if (directive.getName().equals("include") && Boolean.FALSE.equals(condition)) {
					return true;
				}
			}
			return false;
		}

		private @Nullable Object valueOf(@Nullable Value<?> value) {
			if (value instanceof IntValue number) {
				return number.getValue();
			}
			if (value instanceof BooleanValue bool) {
				return bool.isValue();
			}
			if (value instanceof VariableReference reference) {
				if (this.variables.containsKey(reference.getName())) {
					return this.variables.get(reference.getName());
				}
				VariableDefinition definition = this.declared.get(reference.getName());
				return (definition != null && definition.getDefaultValue() != null)
						? valueOf(definition.getDefaultValue()) : null;
			}
			return null;
		}

		private GraphQLCompositeType typeOr(@Nullable TypeName condition, GraphQLCompositeType fallback) {
			GraphQLType type = (condition != null) ? this.schema.getType(condition.getName()) : null;
			return (type instanceof GraphQLCompositeType composite) ? composite : fallback;
		}

		private static long saturated(long a, long b) {
			try {
				return Math.multiplyExact(a, b);
			}
			catch (ArithmeticException ex) {
				return Long.MAX_VALUE / 2;
			}
		}

	}

}
