package io.portico.graphql;

import java.math.BigDecimal;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Date and DateTime from the extended scalars; Decimal is exact money as a JSON string,
 * so no client ever rounds an amount through a binary float.
 */
@Configuration(proxyBeanMethods = false)
class Scalars {

	static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar()
		.name("Decimal")
		.description("An exact decimal number, sent as a JSON string")
		.coercing(new DecimalCoercing())
		.build();

	@Bean
	RuntimeWiringConfigurer scalarWiring() {
		return (wiring) -> wiring.scalar(ExtendedScalars.Date).scalar(ExtendedScalars.DateTime).scalar(DECIMAL);
	}

	static final class DecimalCoercing implements Coercing<BigDecimal, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof BigDecimal decimal) {
				return decimal.toPlainString();
			}
			throw new CoercingSerializeException("Expected a BigDecimal but got " + value.getClass().getSimpleName());
		}

		@Override
		public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				return parse(text, CoercingParseValueException::new);
			}
			throw new CoercingParseValueException("A Decimal is sent as a string, e.g. \"1250.00\"");
		}

		@Override
		public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) {
			if (input instanceof StringValue text) {
				return parse(text.getValue(), CoercingParseLiteralException::new);
			}
			throw new CoercingParseLiteralException("A Decimal is written as a string, e.g. \"1250.00\"");
		}

		@Override
		public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
			return StringValue.of(serialize(input, context, locale));
		}

		private static BigDecimal parse(String text,
				java.util.function.Function<String, ? extends RuntimeException> error) {
			if (text.length() > 40 || !text.matches("-?\\d+(\\.\\d+)?")) {
				throw error.apply("'" + ((text.length() > 40) ? text.substring(0, 40) + "…" : text)
						+ "' is not a decimal such as \"1250.00\"");
			}
			return new BigDecimal(text);
		}

	}

}
