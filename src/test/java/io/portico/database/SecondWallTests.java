package io.portico.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The database stays a wall of its own: the service refuses to connect as a role that
 * would switch row-level security off, definer functions cannot be hijacked, and a
 * statement or a wait for a connection cannot run without end.
 */
class SecondWallTests extends PorticoTest {

	@Autowired
	private DatabaseClient client;

	@Autowired
	private ConnectionFactory pool;

	@Test
	void theServiceRefusesToRunAsASuperuserOrTheTablesOwner() {
		ServiceRoleCheck check = new ServiceRoleCheck(superuser());

		assertThatIllegalStateException().isThrownBy(check::verify)
			.withMessageContaining("as 'postgres', which is a superuser and has BYPASSRLS and owns Portico's tables")
			.withMessageContaining("spring.r2dbc.username");
		new ServiceRoleCheck(this.client).verify();
	}

	@Test
	void definerFunctionsBelongToARoleThatIsNoSuperuserAndSearchPgTempLast() {
		List<Map<String, Object>> definers = this.client.sql("""
				SELECT o.rolname AS owner, o.rolsuper AS superuser, p.proconfig::text AS config
				FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles o ON o.oid = p.proowner
				WHERE n.nspname = 'public' AND p.prosecdef""").fetch().all().collectList().block();

		assertThat(definers).hasSizeGreaterThan(5).allSatisfy((definer) -> {
			assertThat(definer).containsEntry("owner", "portico_app_definer").containsEntry("superuser", false);
			assertThat((String) definer.get("config")).contains("pg_catalog, public, pg_temp");
		});
	}

	@Test
	void theServiceRolesStatementsAndIdleTransactionsAreBounded() {
		assertThat(show("statement_timeout")).isEqualTo("15s");
		assertThat(show("idle_in_transaction_session_timeout")).isEqualTo("1min");
	}

	@Test
	void aRequestThatGetsNoConnectionInTimeIsRefusedAsBusy() {
		List<Connection> held = new ArrayList<>();
		try {
			// Every connection of the pool taken.
			for (int i = 0; i < 20; i++) {
				held.add(Mono.from(this.pool.create()).block(Duration.ofSeconds(10)));
			}
			String token = this.tokens.issue(BUILDER, Role.STAFF, "busy@" + BUILDER, null, List.of(),
					Duration.ofMinutes(10));
			EntityExchangeResult<Map<String, Object>> query = post(token, "{ projects { edges { node { id } } } }");
			assertThat(query.getStatus().value()).isEqualTo(503);
			assertThat(query.getResponseBody().toString()).contains("code=BUSY").doesNotContain("data=");

			// A mutation field runs in a transaction of its own: it fails as BUSY, and a
			// request of which nothing was answered is 503 too.
			EntityExchangeResult<Map<String, Object>> mutation = post(token,
					"mutation { saveClientAccount(input: {id: \"busy-account\", name: \"Busy\"}) { id } }");
			assertThat(mutation.getResponseBody().toString()).contains("code=BUSY")
				.contains("classification=UNAVAILABLE");
			assertThat(mutation.getStatus().value()).isEqualTo(503);
		}
		finally {
			held.forEach((connection) -> Mono.from(connection.close()).block(Duration.ofSeconds(10)));
		}
	}

	private EntityExchangeResult<Map<String, Object>> post(String token, String document) {
		return http().mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", document))
			.exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult();
	}

	private String show(String setting) {
		return this.client.sql("SHOW " + setting).map((row) -> row.get(0, String.class)).one().block();
	}

}
