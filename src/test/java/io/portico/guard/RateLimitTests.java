package io.portico.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.portico.PorticoTest;
import io.portico.TestIdentityProviders;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each viewer and each tenant spends query cost from a bucket that refills each minute;
 * over it, HTTP answers 429 with Retry-After, and a socket answers RATE_LIMITED.
 */
class RateLimitTests extends PorticoTest {

	private static final String QUERY = "{ projects(first: 20) { edges { node { id name } } } }";

	/**
	 * 201: more than a bucket holds after the cheap ones, and more than it refills in
	 * seconds.
	 */
	private static final String COSTLY = "{ projects(first: 100) { edges { node { id name } } } }";

	@Test
	void aViewerOverItsRateGets429WithRetryAfterAndTheWait() {
		String token = token(TestIdentityProviders.TIGHT_TENANT, "busy");
		// 41 a query, 400 a minute.
		for (int i = 0; i < 9; i++) {
			assertThat(post(token, QUERY).getStatus().value()).isEqualTo(200);
		}
		EntityExchangeResult<Map<String, Object>> refused = post(token, COSTLY);

		assertThat(refused.getStatus().value()).isEqualTo(429);
		long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(QueryLimitsTests.refusalOf(refused.getResponseBody())).containsEntry("code", "RATE_LIMITED")
			.containsEntry("retryAfterSeconds", (int) retryAfter);
		// Another viewer of the same tenant has its own bucket.
		assertThat(post(token(TestIdentityProviders.TIGHT_TENANT, "calm"), QUERY).getStatus().value()).isEqualTo(200);
	}

	@Test
	void onASocketTheRefusalIsAnErrorWithTheWait() {
		String token = token(TestIdentityProviders.TIGHT_TENANT, "socket-busy");
		WebSocketGraphQlTester socket = socket(token);
		for (int i = 0; i < 9; i++) {
			socket.document(QUERY).execute().errors().verify();
		}
		socket.document(COSTLY).execute().errors().satisfy((errors) -> {
			assertThat(errors).hasSize(1);
			assertThat(errors.get(0).getExtensions()).containsEntry("code", "RATE_LIMITED")
				.containsKey("retryAfterSeconds");
		});
	}

	@Test
	void oneTenantFloodingDoesNotRefuseAnother() throws Exception {
		String neighbour = TestIdentityProviders.NOISY_TENANT;
		List<String> floodTokens = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			floodTokens.add(token(neighbour, "flood-" + i));
		}
		String quiet = token(BUILDER, "quiet");
		ExecutorService flood = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int round = 0; round < 10; round++) {
				for (String token : floodTokens) {
					statuses.add(flood.submit(() -> post(token, QUERY).getStatus().value()));
				}
			}
			// While the neighbour floods, this tenant's queries are answered in full.
			for (int i = 0; i < 10; i++) {
				EntityExchangeResult<Map<String, Object>> answer = post(quiet, QUERY);
				assertThat(answer.getStatus().value()).isEqualTo(200);
				assertThat(answer.getResponseBody()).containsKey("data").doesNotContainKey("errors");
			}
			List<Integer> flooded = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				flooded.add(status.get());
			}
			// 1,000 a minute for the whole tenant: 24 queries of 41, whoever sends them,
			// and
			// the few that refill while they run.
			assertThat(flooded).filteredOn((status) -> status == 200).hasSizeBetween(24, 30);
			assertThat(flooded).filteredOn((status) -> status != 200).allMatch((status) -> status == 429);
		}
		finally {
			flood.shutdownNow();
		}
		// A fresh viewer of the flooded tenant is refused by the tenant's bucket.
		EntityExchangeResult<Map<String, Object>> fresh = post(token(neighbour, "fresh"), COSTLY);
		assertThat(fresh.getStatus().value()).isEqualTo(429);
		assertThat(QueryLimitsTests.refusalOf(fresh.getResponseBody()).get("code")).isEqualTo("RATE_LIMITED");
		assertThat(fresh.getResponseBody().toString()).contains("tenant's rate of 1000");
	}

	private String token(String tenant, String who) {
		return this.tokens.issue(tenant, Role.STAFF, who + "@" + tenant, null, List.of("site"), Duration.ofMinutes(10));
	}

	private EntityExchangeResult<Map<String, Object>> post(String token, String query) {
		return http().post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", query))
			.exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult();
	}

}
