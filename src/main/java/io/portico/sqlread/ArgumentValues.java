package io.portico.sqlread;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.IntValue;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.InputValueWithState;
import org.jspecify.annotations.Nullable;

/**
 * A root field's argument values for one request: literals, variables, the variable's
 * default, then the argument's default, coerced as GraphQL input coercion does for Int,
 * String, ID, Boolean, enums and lists of them. Anything else, or a value graphql-java
 * might coerce differently or refuse, is {@link SqlPlans.Unsupported}: the request then
 * takes the resolvers' path, which decides and reports.
 */
final class ArgumentValues {

	private ArgumentValues() {
	}

	static SqlArguments resolve(GraphQLFieldDefinition definition, Field field, OperationDefinition operation,
			Map<String, Object> variables) {
		Map<String, @Nullable Object> values = new HashMap<>();
		for (GraphQLArgument argument : definition.getArguments()) {
			Argument given = field.getArguments()
				.stream()
				.filter((candidate) -> candidate.getName().equals(argument.getName()))
				.findFirst()
				.orElse(null);
			Provided value = (given != null) ? literal(given.getValue(), argument.getType(), operation, variables)
					: fallback(argument);
			if (value.isSet()) {
				values.put(argument.getName(), value.value());
			}
		}
		return new SqlArguments(values);
	}

	/** A value, or none at all (an argument left out), which is not the same as null. */
	private record Provided(boolean isSet, @Nullable Object value) {

		static final Provided NONE = new Provided(false, null);

		static Provided of(@Nullable Object value) {
			return new Provided(true, value);
		}

	}

	private static Provided fallback(GraphQLArgument argument) {
		InputValueWithState fallback = argument.getArgumentDefaultValue();
		if (fallback.isNotSet()) {
			return Provided.NONE;
		}
		if (fallback.isLiteral() && fallback.getValue() instanceof Value<?> literal) {
			return Provided.of(coerceLiteral(literal, argument.getType()));
		}
		throw new SqlPlans.Unsupported("the default of '" + argument.getName() + "' is not a literal");
	}

	private static Provided literal(Value<?> value, GraphQLInputType type, OperationDefinition operation,
			Map<String, Object> variables) {
		if (!(value instanceof VariableReference reference)) {
			return Provided.of(coerceLiteral(value, type));
		}
		if (variables.containsKey(reference.getName())) {
			return Provided.of(coerceVariable(variables.get(reference.getName()), type));
		}
		VariableDefinition declared = operation.getVariableDefinitions()
			.stream()
			.filter((variable) -> variable.getName().equals(reference.getName()))
			.findFirst()
			.orElseThrow(() -> new SqlPlans.Unsupported("$" + reference.getName() + " is not declared"));
		if (declared.getDefaultValue() != null) {
			return Provided.of(coerceLiteral(declared.getDefaultValue(), type));
		}
		if (declared.getType() instanceof NonNullType) {
			throw new SqlPlans.Unsupported("$" + reference.getName() + " is required and missing");
		}
		return Provided.NONE;
	}

	private static @Nullable Object coerceLiteral(Value<?> value, GraphQLInputType type) {
		if (value instanceof NullValue) {
			return nullable(type);
		}
		GraphQLInputType inner = (GraphQLInputType) GraphQLTypeUtil.unwrapNonNull(type);
		if (inner instanceof GraphQLList list) {
			GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
			if (value instanceof ArrayValue array) {
				List<@Nullable Object> values = new ArrayList<>();
				array.getValues().forEach((item) -> values.add(coerceLiteral(item, element)));
				return values;
			}
			return Collections.singletonList(coerceLiteral(value, element));
		}
		if (inner instanceof GraphQLEnumType enumType && value instanceof EnumValue name
				&& enumType.getValue(name.getName()) != null) {
			return name.getName();
		}
		if (inner instanceof GraphQLScalarType scalar) {
			String kind = scalar.getName();
			if (kind.equals("Int") && value instanceof IntValue number) {
				return exactInt(number.getValue());
			}
			if ((kind.equals("String") || kind.equals("ID")) && value instanceof StringValue text) {
				return text.getValue();
			}
			if (kind.equals("Boolean") && value instanceof BooleanValue bool) {
				return bool.isValue();
			}
		}
		throw new SqlPlans.Unsupported("a literal of " + GraphQLTypeUtil.simplePrint(type));
	}

	private static @Nullable Object coerceVariable(@Nullable Object value, GraphQLInputType type) {
		if (value == null) {
			return nullable(type);
		}
		GraphQLInputType inner = (GraphQLInputType) GraphQLTypeUtil.unwrapNonNull(type);
		if (inner instanceof GraphQLList list) {
			GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
			if (value instanceof List<?> items) {
				List<@Nullable Object> values = new ArrayList<>();
				items.forEach((item) -> values.add(coerceVariable(item, element)));
				return values;
			}
			return Collections.singletonList(coerceVariable(value, element));
		}
		if (inner instanceof GraphQLEnumType enumType && value instanceof String name
				&& enumType.getValue(name) != null) {
			return name;
		}
		if (inner instanceof GraphQLScalarType scalar) {
			String kind = scalar.getName();
			if (kind.equals("Int") && value instanceof Integer) {
				return value;
			}
			if ((kind.equals("String") || kind.equals("ID")) && value instanceof String) {
				return value;
			}
			if (kind.equals("Boolean") && value instanceof Boolean) {
				return value;
			}
		}
		throw new SqlPlans.Unsupported("a variable of " + GraphQLTypeUtil.simplePrint(type));
	}

	private static @Nullable Object nullable(GraphQLInputType type) {
		if (type instanceof GraphQLNonNull) {
			throw new SqlPlans.Unsupported("null for " + GraphQLTypeUtil.simplePrint(type));
		}
		return null;
	}

	private static Integer exactInt(BigInteger value) {
		try {
			return value.intValueExact();
		}
		catch (ArithmeticException ex) {
			throw new SqlPlans.Unsupported("an Int out of range");
		}
	}

}
