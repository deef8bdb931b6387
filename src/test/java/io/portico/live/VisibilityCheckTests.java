package io.portico.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a CLIENT may see an event is checked in the database as it is delivered. A
 * check that fails for a moment is retried and never remembered as a failure; one that
 * keeps failing ends the stream with a code that says to resume.
 */
class VisibilityCheckTests extends PorticoTest {

	private static final String EVENTS = """
			subscription($projectId: ID, $after: String) {
			  portalEvents(projectId: $projectId, after: $after) { cursor kind: __typename }
			}
			""";

	@Test
	void aCheckThatFailsForAMomentIsRetriedAndOneThatKeepsFailingEndsTheStreamWithACode() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.CLIENT, "amara", account, List.of(), Duration.ofMinutes(5)));
		try {
			Flux<Event> events = socket.document(EVENTS)
				.variable("projectId", project)
				.variable("after", creationCursor(BUILDER, project))
				.executeSubscription()
				.toFlux("portalEvents", Event.class);
			StepVerifier.create(events)
				.expectSubscription()
				.then(() -> describe(staff, permits, "first"))
				.assertNext((event) -> assertThat(event.kind()).isEqualTo("MilestoneChanged"))
				.then(() -> {
					// The client's reads of the log fail until the grant is back.
					clientMayReadEvents(false);
					Mono.delay(Duration.ofMillis(400))
						.publishOn(Schedulers.boundedElastic())
						.doOnNext((tick) -> clientMayReadEvents(true))
						.subscribe();
					describe(staff, permits, "second");
				})
				.assertNext((event) -> assertThat(event.kind()).isEqualTo("MilestoneChanged"))
				.then(() -> {
					clientMayReadEvents(false);
					describe(staff, permits, "third");
				})
				.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("EVENT_CHECK_FAILED"))
				.verify(Duration.ofSeconds(30));
		}
		finally {
			clientMayReadEvents(true);
			socket.stop().block(Duration.ofSeconds(5));
		}
	}

	record Event(String cursor, String kind) {
	}

	private static void describe(HttpGraphQlTester staff, String milestone, String description) {
		staff.documentName("updateMilestone")
			.variable("input", Map.of("id", milestone, "description", description))
			.execute()
			.errors()
			.verify();
	}

	private void clientMayReadEvents(boolean may) {
		superuser()
			.sql(may ? "GRANT SELECT ON event TO portico_app_client" : "REVOKE SELECT ON event FROM portico_app_client")
			.then()
			.block(Duration.ofSeconds(10));
	}

}
