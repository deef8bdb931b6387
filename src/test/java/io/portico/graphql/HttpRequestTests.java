package io.portico.graphql;

import java.time.Duration;
import java.util.List;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** What GraphQL over HTTP answers to requests that are not GraphQL requests at all. */
class HttpRequestTests extends PorticoTest {

	@Test
	void anOversizedBodyIs413() {
		String padding = "x".repeat(2 * 1024 * 1024);
		EntityExchangeResult<String> result = post(
				"{\"query\":\"{ viewer { role } }\",\"extensions\":{\"p\":\"" + padding + "\"}}");

		assertThat(result.getStatus().value()).isEqualTo(413);
	}

	@Test
	void malformedJsonIsAPlain400() {
		EntityExchangeResult<String> result = post("{\"query\": \"{ viewer { role } }\"");

		assertThat(result.getStatus().value()).isEqualTo(400);
	}

	private EntityExchangeResult<String> post(String body) {
		String token = this.tokens.issue(BUILDER, Role.STAFF, "http@" + BUILDER, null, List.of(),
				Duration.ofMinutes(10));
		return http().post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

}
