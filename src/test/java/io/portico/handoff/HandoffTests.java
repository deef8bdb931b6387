package io.portico.handoff;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handoffs: when the customer verifies its data migration, customer success is told to
 * take over and the integrations team is released, all of it hidden from the customer;
 * and whose turn a project is, told to a CLIENT without internal names.
 */
class HandoffTests extends PorticoTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String NOTIFICATIONS = """
			query($unreadOnly: Boolean) { notifications(first: 100, unreadOnly: $unreadOnly) {
			  unread edges { cursor node { id team kind message read project { id } milestone { key } } }
			  pageInfo { hasNextPage endCursor } } }
			""";

	private static final String TURN = """
			query($id: ID!) { project(id: $id) { status whoseTurn { party team since milestone { key } } } }
			""";

	@Test
	void theCustomerVerifyingItsMigrationHandsOverToCustomerSuccessBehindItsBack() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		HttpGraphQlTester client = client(SAAS, account);
		completeMilestone(SAAS, account, milestoneId(staff, project, "kickoff"));
		completeMilestone(SAAS, account, milestoneId(staff, project, "integrations-configured"));
		String migration = milestoneId(client, project, "data-migration-verified");
		walk(client, migration, "startMilestone", "completeMilestone");

		HttpGraphQlTester success = member(SAAS, "customer-success");
		HttpGraphQlTester integrations = member(SAAS, "integrations");
		assertThat(notifications(success, project)).singleElement().satisfies((n) -> {
			assertThat(n).containsEntry("team", "customer-success")
				.containsEntry("kind", "handoff")
				.containsEntry("read", false)
				.containsEntry("milestone", Map.of("key", "data-migration-verified"));
			assertThat((String) n.get("message"))
				.isEqualTo("'Data migration verified' was completed; your team takes over");
		});
		assertThat(notifications(integrations, project)).singleElement()
			.satisfies((n) -> assertThat(n).containsEntry("kind", "released"));
		assertThat(notifications(member(SAAS, "finance"), project)).isEmpty();
		assertThat(notifications(admin(SAAS), project)).extracting((n) -> n.get("team"))
			.containsExactlyInAnyOrder("customer-success", "integrations");

		staff.document("query($id: ID!) { milestone(id: $id) { handoff { toTeam notifiedTeams releasedTeams at } } }")
			.variable("id", migration)
			.execute()
			.path("milestone.handoff.toTeam")
			.entity(String.class)
			.isEqualTo("customer-success")
			.path("milestone.handoff.releasedTeams")
			.entityList(String.class)
			.containsExactly("integrations");

		// The customer sees none of it: no handoff, no internal event, no notifications.
		client.document("query($id: ID!) { milestone(id: $id) { handoff { toTeam } } }")
			.variable("id", migration)
			.execute()
			.path("milestone.handoff")
			.valueIsNull();
		assertThat(activityTypes(client, project)).doesNotContain("HandedOff", "NotificationPosted")
			.contains("MilestoneChanged");
		assertThat(activityTypes(staff, project)).contains("HandedOff", "NotificationPosted");
		client.document(NOTIFICATIONS)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((e) -> assertThat(e.getExtensions()).containsEntry("code", "NOT_PERMITTED")));
	}

	@Test
	void aTeamMarksItsNotificationsRead() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		for (String key : List.of("kickoff", "integrations-configured", "data-migration-verified")) {
			completeMilestone(SAAS, account, milestoneId(staff, project, key));
		}
		HttpGraphQlTester success = member(SAAS, "customer-success");
		String mine = (String) notifications(success, project).get(0).get("id");
		String theirs = (String) notifications(member(SAAS, "integrations"), project).get(0).get("id");

		success.document("mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }")
			.variable("ids", List.of(mine, theirs))
			.execute()
			.path("markNotificationsRead")
			.entity(Integer.class)
			.isEqualTo(1);
		assertThat(notifications(success, project)).singleElement()
			.satisfies((n) -> assertThat(n).containsEntry("read", true));
		assertThat(notifications(member(SAAS, "integrations"), project)).singleElement()
			.satisfies((n) -> assertThat(n).containsEntry("read", false));
		success.document(NOTIFICATIONS)
			.variable("unreadOnly", true)
			.execute()
			.path("notifications.edges[*].node.id")
			.entityList(String.class)
			.doesNotContain(mine);
	}

	@Test
	void whoseTurnFollowsTheProjectAndTellsTheClientNoInternalNames() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		HttpGraphQlTester client = client(SAAS, account);

		assertThat(turn(staff, project)).containsEntry("party", "TEAM")
			.containsEntry("team", "customer-success")
			.containsEntry("milestone", Map.of("key", "kickoff"));
		assertThat(turn(client, project)).containsEntry("party", "TEAM")
			.containsEntry("team", null)
			.containsEntry("milestone", Map.of("key", "kickoff"));

		completeMilestone(SAAS, account, milestoneId(staff, project, "kickoff"));
		completeMilestone(SAAS, account, milestoneId(staff, project, "integrations-configured"));
		assertThat(turn(client, project)).containsEntry("party", "CLIENT")
			.containsEntry("milestone", Map.of("key", "data-migration-verified"));

		for (String key : List.of("data-migration-verified", "training-scheduled")) {
			completeMilestone(SAAS, account, milestoneId(staff, project, key));
		}
		// An internal review is under way: the client learns it is the team's turn, not
		// what the team is doing.
		assertThat(turn(client, project)).containsEntry("party", "TEAM")
			.containsEntry("milestone", null)
			.containsEntry("team", null);
		assertThat(turn(staff, project)).containsEntry("team", "integrations")
			.containsEntry("milestone", Map.of("key", "parallel-run-review"));

		completeMilestone(SAAS, account, milestoneId(staff, project, "parallel-run-review"));
		String goLive = milestoneId(staff, project, "go-live");
		walk(staff, goLive, "startMilestone", "submitMilestone");
		assertThat(turn(client, project)).containsEntry("party", "CLIENT");
		walk(client, goLive, "approveMilestone");

		client.document(TURN)
			.variable("id", project)
			.execute()
			.path("project.status")
			.entity(String.class)
			.isEqualTo("COMPLETED")
			.path("project.whoseTurn")
			.valueIsNull();
		// The last completion's effects, newest first: the project completed after the
		// invoice the go-live issued.
		assertThat(activityTypes(client, project).subList(0, 3)).containsExactly("ProjectCompleted", "InvoiceIssued",
				"MilestoneChanged");
	}

	private HttpGraphQlTester member(String tenant, String team) {
		return tester(this.tokens.issue(tenant, Role.STAFF, team + "@" + tenant, null, List.of(team),
				Duration.ofMinutes(10)));
	}

	/** The viewer's notifications about the project. */
	private static List<Map<String, Object>> notifications(HttpGraphQlTester tester, String project) {
		return tester.document(NOTIFICATIONS)
			.execute()
			.path("notifications.edges[*].node")
			.entityList(MAP)
			.get()
			.stream()
			.filter((n) -> project.equals(((Map<?, ?>) n.get("project")).get("id")))
			.toList();
	}

	private static Map<String, Object> turn(HttpGraphQlTester tester, String project) {
		return tester.document(TURN).variable("id", project).execute().path("project.whoseTurn").entity(MAP).get();
	}

}
