package io.portico.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Completion's effects reach open portals through the client lens: the customer gets its
 * milestone and the project's completion but never the internal handoff, while the team
 * taking over is notified live.
 */
class LiveEffectsTests extends PorticoTest {

	@Autowired
	private SharedGroups groups;

	@Test
	void theCustomerSeesItsEffectsLiveAndTheTeamTakingOverIsNotified() throws Exception {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		completeMilestone(SAAS, account, milestoneId(staff, project, "kickoff"));
		completeMilestone(SAAS, account, milestoneId(staff, project, "integrations-configured"));
		String migration = milestoneId(staff, project, "data-migration-verified");
		int membersBefore = this.groups.members();
		WebSocketGraphQlTester customer = socket(
				this.tokens.issue(SAAS, Role.CLIENT, "dana", account, List.of(), Duration.ofMinutes(5)));
		WebSocketGraphQlTester success = socket(
				this.tokens.issue(SAAS, Role.STAFF, "lee", null, List.of("customer-success"), Duration.ofMinutes(5)));
		try {
			CompletableFuture<List<String>> customerEvents = customer.document("""
					subscription($id: ID) { portalEvents(projectId: $id) { __typename } }
					""")
				.variable("id", project)
				.executeSubscription()
				.toFlux("portalEvents.__typename", String.class)
				.take(Duration.ofSeconds(6))
				.collectList()
				.toFuture();
			CompletableFuture<Map<String, Object>> notified = success
				.document("subscription { notifications { team kind message project { id } } }")
				.executeSubscription()
				.toFlux("notifications", Map.class)
				.filter((n) -> project.equals(((Map<?, ?>) n.get("project")).get("id")))
				.next()
				.map((n) -> {
					@SuppressWarnings("unchecked")
					Map<String, Object> typed = n;
					return typed;
				})
				.toFuture();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.groups.members() >= membersBefore + 2);

			HttpGraphQlTester client = client(SAAS, account);
			walk(client, migration, "startMilestone", "completeMilestone");

			assertThat(notified.get(20, TimeUnit.SECONDS)).containsEntry("team", "customer-success")
				.containsEntry("kind", "handoff");
			assertThat(customerEvents.get(20, TimeUnit.SECONDS)).containsExactly("MilestoneChanged",
					"MilestoneChanged");
		}
		finally {
			customer.stop().block(Duration.ofSeconds(5));
			success.stop().block(Duration.ofSeconds(5));
		}
	}

	@Test
	void aClientCannotSubscribeToNotifications() {
		String account = newClientAccount(SAAS);
		WebSocketGraphQlTester customer = socket(
				this.tokens.issue(SAAS, Role.CLIENT, "dana", account, List.of(), Duration.ofMinutes(5)));
		try {
			customer.document("subscription { notifications { id } }")
				.executeSubscription()
				.toFlux()
				.as(reactor.test.StepVerifier::create)
				.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("NOT_PERMITTED"))
				.verify(Duration.ofSeconds(20));
		}
		finally {
			customer.stop().block(Duration.ofSeconds(5));
		}
	}

}
