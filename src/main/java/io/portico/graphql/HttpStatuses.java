package io.portico.graphql;

import graphql.GraphQLError;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * GraphQL over HTTP answers 200 (or 400 for a request refused before execution under
 * {@code application/graphql-response+json}); a request refused because the caller must
 * wait gets the status HTTP clients and proxies know for it: 429 when a rate or a cap is
 * spent (with {@code Retry-After}), 503 when the service is too busy to take it.
 */
@Configuration(proxyBeanMethods = false)
class HttpStatuses {

	@Bean
	GraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler handler) {
		return new StatusByCode(handler);
	}

	static final class StatusByCode extends GraphQlHttpHandler {

		StatusByCode(WebGraphQlHandler handler) {
			super(handler);
		}

		@Override
		protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
			if (!response.getExecutionResult().isDataPresent() || nothingAnswered(response)) {
				for (GraphQLError error : response.getExecutionResult().getErrors()) {
					if (error.getErrorType() == PorticoErrorType.TOO_MANY_REQUESTS) {
						return HttpStatus.TOO_MANY_REQUESTS;
					}
					if (error.getErrorType() == PorticoErrorType.UNAVAILABLE) {
						return HttpStatus.SERVICE_UNAVAILABLE;
					}
				}
			}
			return super.selectResponseStatus(response, responseMediaType);
		}

		/**
		 * No top-level field has a value (data is null, as a failed non-null field makes
		 * it, or every field in it is): the request did nothing a retry would repeat.
		 */
		private static boolean nothingAnswered(WebGraphQlResponse response) {
			Object data = response.getData();
			return data == null || (data instanceof java.util.Map<?, ?> fields
					&& fields.values().stream().allMatch(java.util.Objects::isNull));
		}

	}

}
