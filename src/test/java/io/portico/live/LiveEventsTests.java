package io.portico.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions over a real WebSocket: what changes reaches open portals, filtered per
 * viewer, resumable from a cursor.
 */
class LiveEventsTests extends PorticoTest {

	private static final String PORTAL_EVENTS = """
			subscription($projectId: ID, $after: String) {
			  portalEvents(projectId: $projectId, after: $after) {
			    cursor
			    project { id }
			    ... on MilestoneChanged { status previousStatus milestone { key } }
			  }
			}
			""";

	@Test
	void staffSeeEveryChangeOfTheProjectLive() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5)));
		Flux<Event> events = socket.document(PORTAL_EVENTS)
			.variable("projectId", project)
			.variable("after", creationCursor(BUILDER, project))
			.executeSubscription()
			.toFlux("portalEvents", Event.class);
		StepVerifier.create(events)
			.expectSubscription()
			.then(() -> walk(staff, permits, "startMilestone", "completeMilestone"))
			.assertNext((e) -> assertThat(e).extracting(Event::status, Event::previousStatus, Event::milestoneKey)
				.containsExactly("IN_PROGRESS", "PLANNED", "permits-filed"))
			.assertNext((e) -> assertThat(e.status()).isEqualTo("COMPLETED"))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void clientNeverReceivesInternalMilestonesOrOtherAccounts() {
		String account = newClientAccount(BUILDER);
		String mine = newProject(BUILDER, account, "custom-home");
		String theirs = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.CLIENT, "amara", account, List.of(), Duration.ofMinutes(5)));
		Flux<Event> events = socket.document(PORTAL_EVENTS)
			.variable("after", creationCursor(BUILDER, mine))
			.executeSubscription()
			.toFlux("portalEvents", Event.class);
		StepVerifier.create(events).expectSubscription().then(() -> {
			walk(staff, milestoneId(staff, theirs, "permits-filed"), "startMilestone");
			String permits = milestoneId(staff, mine, "permits-filed");
			walk(staff, permits, "startMilestone", "completeMilestone");
			walk(staff, milestoneId(staff, mine, "site-prep"), "startMilestone");
			walk(staff, milestoneId(staff, mine, "site-prep"), "completeMilestone");
			walk(staff, milestoneId(staff, mine, "foundation-poured"), "startMilestone");
		})
			.assertNext((e) -> assertThat(e).extracting(Event::milestoneKey, Event::status, Event::projectId)
				.containsExactly("permits-filed", "IN_PROGRESS", mine))
			.assertNext((e) -> assertThat(e.status()).isEqualTo("COMPLETED"))
			.assertNext((e) -> assertThat(e.milestoneKey()).isEqualTo("foundation-poured"))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void clientThatLosesSightOfAMilestoneGetsNoFurtherEventsAboutIt() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		String kickoff = milestoneId(staff, project, "kickoff");
		String integrations = milestoneId(staff, project, "integrations-configured");
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(SAAS, Role.CLIENT, "ops@customer", account, List.of(), Duration.ofMinutes(5)));
		Flux<Event> events = socket.document(PORTAL_EVENTS)
			.variable("projectId", project)
			.variable("after", creationCursor(SAAS, project))
			.executeSubscription()
			.toFlux("portalEvents", Event.class);
		StepVerifier.create(events)
			.expectSubscription()
			.then(() -> walk(staff, kickoff, "startMilestone"))
			.assertNext((e) -> assertThat(e.milestoneKey()).isEqualTo("kickoff"))
			.then(() -> {
				staff.documentName("updateMilestone")
					.variable("input", Map.of("id", kickoff, "clientVisible", false))
					.execute()
					.path("updateMilestone.clientVisible")
					.entity(Boolean.class)
					.isEqualTo(false);
				walk(staff, kickoff, "completeMilestone");
				walk(staff, integrations, "startMilestone");
			})
			.assertNext((e) -> assertThat(e.milestoneKey()).isEqualTo("integrations-configured"))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void resumingFromACursorReplaysWhatWasMissedThenContinues() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		walk(staff, permits, "startMilestone");
		List<Map<String, Object>> activity = staff.documentName("activity")
			.variable("id", project)
			.variable("first", 10)
			.execute()
			.path("project.activity.edges[*]")
			.entityList(MAP)
			.get();
		// newest first: [started, created]; resume after "created"
		String afterCreated = (String) activity.get(1).get("cursor");
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.ADMIN, "kim", null, List.of(), Duration.ofMinutes(5)));
		Flux<Event> events = socket.document(PORTAL_EVENTS)
			.variable("projectId", project)
			.variable("after", afterCreated)
			.executeSubscription()
			.toFlux("portalEvents", Event.class);
		StepVerifier.create(events)
			.assertNext((e) -> assertThat(e).extracting(Event::status, Event::cursor)
				.containsExactly("IN_PROGRESS", activity.get(0).get("cursor")))
			.then(() -> walk(staff, permits, "completeMilestone"))
			.assertNext((e) -> assertThat(e.status()).isEqualTo("COMPLETED"))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void malformedSubscriptionArgumentsAreBadRequests() {
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5)));
		StepVerifier
			.create(socket.document(PORTAL_EVENTS)
				.variable("projectId", "not-an-id")
				.executeSubscription()
				.toFlux("portalEvents", Event.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("INVALID_ID"))
			.verify(Duration.ofSeconds(20));
		StepVerifier
			.create(socket.document(PORTAL_EVENTS)
				.variable("after", "garbage")
				.executeSubscription()
				.toFlux("portalEvents", Event.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("INVALID_CURSOR"))
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void aCursorTooFarBackIsRefusedInsteadOfReplayingTheLog() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String cursor = creationCursor(BUILDER, project);
		String milestone = milestoneId(staff(BUILDER), project, "permits-filed");
		// portico.events.max-replay is 40 in the tests.
		for (int i = 0; i < 41; i++) {
			staff(BUILDER).documentName("updateMilestone")
				.variable("input", Map.of("id", milestone, "description", "Revision " + i))
				.execute()
				.errors()
				.verify();
		}
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5)));
		StepVerifier
			.create(socket.document(PORTAL_EVENTS)
				.variable("projectId", project)
				.variable("after", cursor)
				.executeSubscription()
				.toFlux("portalEvents", Event.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("CURSOR_TOO_OLD"))
			.verify(Duration.ofSeconds(20));
		String recent = staff(BUILDER).documentName("activity")
			.variable("id", project)
			.execute()
			.path("project.activity.edges[1].cursor")
			.entity(String.class)
			.get();
		StepVerifier
			.create(socket.document(PORTAL_EVENTS)
				.variable("projectId", project)
				.variable("after", recent)
				.executeSubscription()
				.toFlux("portalEvents", Event.class))
			.assertNext((event) -> assertThat(event.cursor()).isNotEqualTo(recent))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void subscribingToAnotherTenantsProjectIsNotFound() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(AGENCY, Role.ADMIN, "kim", null, List.of(), Duration.ofMinutes(5)));
		StepVerifier
			.create(socket.document(PORTAL_EVENTS)
				.variable("projectId", project)
				.executeSubscription()
				.toFlux("portalEvents", Event.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("NOT_FOUND"))
			.verify(Duration.ofSeconds(20));
	}

	record Event(String cursor, Map<String, Object> project, String status, String previousStatus,
			Map<String, Object> milestone) {

		String milestoneKey() {
			return (String) this.milestone.get("key");
		}

		String projectId() {
			return (String) this.project.get("id");
		}

	}

	private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP = new org.springframework.core.ParameterizedTypeReference<>() {
	};

}
