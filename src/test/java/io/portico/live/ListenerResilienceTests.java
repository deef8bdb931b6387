package io.portico.live;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import io.portico.event.EventLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listening connection is only a wake-up: when PostgreSQL kills it, the instance
 * reconnects and reads the log from where it was, so every event committed before, during
 * and after the outage reaches subscribers exactly once.
 */
class ListenerResilienceTests extends PorticoTest {

	@Autowired
	private EmbeddedPostgres postgres;

	@Test
	void killedListenerLosesAndRepeatsNothing() throws Exception {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		String sitePrep = milestoneId(staff, project, "site-prep");
		// Resuming from the project's first event closes the race between subscribing and
		// the first change, as a portal does.
		String created = creationCursor(BUILDER, project);
		String token = this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5));
		WebSocketGraphQlTester socket = socket(token);
		StepVerifier
			.create(socket.document("""
					subscription($p: ID, $after: String) { portalEvents(projectId: $p, after: $after) {
					  ... on MilestoneChanged { status milestone { key } } } }
					""")
				.variable("p", project)
				.variable("after", created)
				.executeSubscription()
				.toFlux("portalEvents.status", String.class))
			.expectSubscription()
			.then(() -> walk(staff, permits, "startMilestone"))
			.expectNext("IN_PROGRESS")
			.then(() -> {
				assertThat(terminateListener()).isEqualTo(1);
				walk(staff, permits, "completeMilestone");
				walk(staff, sitePrep, "startMilestone", "completeMilestone");
			})
			.expectNext("COMPLETED", "IN_PROGRESS", "COMPLETED")
			.expectNoEvent(Duration.ofSeconds(2))
			.thenCancel()
			.verify(Duration.ofSeconds(30));
	}

	private int terminateListener() {
		try (Connection admin = this.postgres.getPostgresDatabase().getConnection();
				ResultSet killed = admin.createStatement()
					.executeQuery("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
							+ "WHERE query = 'LISTEN " + EventLog.CHANNEL + "') k")) {
			killed.next();
			return killed.getInt(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
