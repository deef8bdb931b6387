package io.portico.guard;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator watches during an attack or an incident is at
 * {@code /actuator/prometheus}, for ADMIN tokens only.
 */
class OperatorMetricsTests extends PorticoTest {

	@Test
	void refusalsCostSocketsEventsAndThePoolAreScrapedByAnAdmin() {
		String staff = this.tokens.issue(BUILDER, Role.STAFF, "metrics@" + BUILDER, null, List.of(),
				Duration.ofMinutes(10));
		http().post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + staff)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ a: viewer { role } " + "x: viewer { role } ".repeat(25) + "}"))
			.exchange()
			.expectStatus()
			.isOk();

		http().post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ viewer { role } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized();

		String admin = this.tokens.issue(BUILDER, Role.ADMIN, "ops@" + BUILDER, null, List.of(),
				Duration.ofMinutes(10));
		String scraped = http().get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(scraped)
			.containsPattern("portico_refusals_total\\{code=\"TOO_MANY_FIELDS\",tenant=\"" + BUILDER + "\"\\} [1-9]")
			.containsPattern("portico_refusals_total\\{code=\"UNAUTHENTICATED\",tenant=\"\"\\} [1-9]")
			.contains("portico_query_cost_count{tenant=\"" + BUILDER + "\"}")
			.contains("portico_sockets_open ")
			.contains("portico_subscriptions_open ")
			.contains("portico_events_delivered_total ")
			.contains("portico_events_lag_seconds")
			.contains("r2dbc_pool_acquired_connections")
			.contains("http_server_requests_seconds");
	}

	@Test
	void metricsAreForAdminsOnly() {
		http().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		String staff = this.tokens.issue(BUILDER, Role.STAFF, "curious@" + BUILDER, null, List.of(),
				Duration.ofMinutes(10));
		http().get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + staff)
			.exchange()
			.expectStatus()
			.isForbidden();
		http().get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

}
