package io.portico;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.portico.security.TokenIssuer;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Portico against an external PostgreSQL (a container where Docker runs; skipped
 * elsewhere): nothing embedded starts, migrations run as the owner, the service connects
 * as its own role, and demo mode is off.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalPostgresTests {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@LocalServerPort
	int port;

	@Autowired
	TokenIssuer tokens;

	@DynamicPropertySource
	static void externalDatabase(DynamicPropertyRegistry registry) throws SQLException {
		try (Connection owner = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword())) {
			owner.createStatement().execute("CREATE ROLE portico_app LOGIN PASSWORD 'app-secret'");
		}
		String hostPort = postgres.getHost() + ":" + postgres.getMappedPort(5432);
		registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://" + hostPort + "/" + postgres.getDatabaseName());
		registry.add("spring.r2dbc.username", () -> "portico_app");
		registry.add("spring.r2dbc.password", () -> "app-secret");
		registry.add("spring.flyway.url", postgres::getJdbcUrl);
		registry.add("spring.flyway.user", postgres::getUsername);
		registry.add("spring.flyway.password", postgres::getPassword);
		registry.add("portico.data-dir", () -> "target/external-test-data");
	}

	@Test
	void servesProjectsFromAnExternalDatabaseWithDemoModeOff() {
		WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		http.post()
			.uri("/auth/demo-token")
			.bodyValue(java.util.Map.of("tenant", "hearthstone-homes", "role", "ADMIN", "subject", "x"))
			.exchange()
			.expectStatus()
			.isNotFound();

		String token = this.tokens.issue("hearthstone-homes", Role.STAFF, "kim", null, List.of(),
				Duration.ofMinutes(5));
		HttpGraphQlTester staff = HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port + "/graphql")
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build());
		staff.document("{ projects { edges { node { id } } } }")
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.hasSize(0);
	}

}
