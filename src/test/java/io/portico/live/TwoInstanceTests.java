package io.portico.live;

import java.time.Duration;
import java.util.List;

import io.portico.PorticoApplication;
import io.portico.PorticoTest;
import io.portico.shared.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances on one PostgreSQL: a portal subscribed on one sees a change made through
 * the other.
 */
class TwoInstanceTests extends PorticoTest {

	@Autowired
	private EmbeddedPostgres postgres;

	@Value("${portico.data-dir}")
	private String dataDir;

	@Value("${portico.tenants.dir}")
	private String tenantsDir;

	@Test
	void subscriberOnOneInstanceSeesAChangeMadeThroughAnother() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String permits = milestoneId(staff(BUILDER), project, "permits-filed");
		String token = this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5));
		int db = this.postgres.getPort();
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(PorticoApplication.class).run(
				"--server.port=0", "--spring.r2dbc.url=r2dbc:postgresql://localhost:" + db + "/postgres",
				"--spring.r2dbc.username=portico_app",
				"--spring.flyway.url=jdbc:postgresql://localhost:" + db + "/postgres", "--spring.flyway.user=postgres",
				"--portico.data-dir=" + this.dataDir, "--portico.tenants.dir=" + this.tenantsDir)) {
			int otherPort = Integer.parseInt(other.getEnvironment().getProperty("local.server.port"));
			HttpGraphQlTester throughOther = HttpGraphQlTester.create(WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + otherPort + "/graphql")
				.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.build());
			WebSocketGraphQlTester socket = socket(token);
			try {
				String created = creationCursor(BUILDER, project);
				StepVerifier
					.create(socket.document("""
							subscription($p: ID, $after: String) { portalEvents(projectId: $p, after: $after) {
							  ... on MilestoneChanged { status actor } } }
							""")
						.variable("p", project)
						.variable("after", created)
						.executeSubscription()
						.toFlux("portalEvents.status", String.class))
					.expectSubscription()
					.then(() -> walk(throughOther, permits, "startMilestone", "completeMilestone"))
					.expectNext("IN_PROGRESS", "COMPLETED")
					.thenCancel()
					.verify(Duration.ofSeconds(20));
			}
			finally {
				socket.stop().block(Duration.ofSeconds(5));
			}
		}
	}

}
