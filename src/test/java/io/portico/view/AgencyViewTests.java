package io.portico.view;

import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static io.portico.view.ConstructionViewTests.MAP;
import static io.portico.view.ConstructionViewTests.key;
import static io.portico.view.ConstructionViewTests.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agency client's view: deliverables waiting for review and the revision rounds left;
 * a round past those included needs an approved change order.
 */
class AgencyViewTests extends PorticoTest {

	private static final String VIEW = """
			query($id: ID!) { project(id: $id) { view {
			  __typename headline stage needsYou { kind milestone { key } changeOrder { title } }
			  ... on AgencyView {
			    reviews { milestone { key } status round deliverables { name } documents { name } }
			    revisionRounds { included used remaining }
			  }
			} } }
			""";

	@Test
	void revisionsPastTheIncludedRoundsWaitForAChangeOrder() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		HttpGraphQlTester client = client(AGENCY, account);
		for (String key : List.of("kickoff", "discovery-readout", "internal-concept-review")) {
			completeMilestone(AGENCY, account, milestoneId(staff, project, key));
		}
		String concept = milestoneId(staff, project, "concept-approval");
		walk(staff, concept, "startMilestone");
		staff.document("""
				mutation($id: ID!) { submitDeliverable(input: {milestoneId: $id, name: "Concept boards"}) { id } }
				""").variable("id", concept).execute().path("submitDeliverable.id").hasValue();
		walk(staff, concept, "submitMilestone");

		Map<String, Object> view = view(client, project);
		assertThat(view).containsEntry("__typename", "AgencyView")
			.containsEntry("headline", "'Concept approved' is ready for your review (round 1, 2 revision rounds left)")
			.containsEntry("stage", "Concept")
			.containsEntry("revisionRounds", Map.of("included", 2, "used", 0, "remaining", 2));
		assertThat(list(view, "needsYou")).extracting((i) -> i.get("kind") + " " + key(i))
			.containsExactly("approve-milestone concept-approval", "pay-invoice null", "pay-invoice null");
		assertThat(list(view, "reviews")).extracting((r) -> key(r) + " " + r.get("status") + " " + r.get("round"))
			.containsExactly("discovery-readout COMPLETED 1", "concept-approval AWAITING_APPROVAL 1",
					"final-assets PLANNED 1");
		assertThat(list(view, "reviews").get(1)).containsEntry("deliverables",
				List.of(Map.of("name", "Concept boards")));

		requestChanges(client, concept);
		walk(staff, concept, "submitMilestone");
		requestChanges(client, concept);
		assertThat(view(staff, project)).containsEntry("headline",
				"'Concept approved': the requested changes are being made (round 3, 0 revision rounds left)");
		walk(staff, concept, "submitMilestone");
		Map<String, Object> refusal = errorOf(client.documentName("requestChanges")
			.variable("id", concept)
			.variable("reason", "One more pass on the colours")
			.execute());
		assertThat(refusal).containsEntry("code", "CHANGE_ORDER_REQUIRED")
			.containsEntry("included", 2)
			.containsEntry("used", 2);

		String order = staff.document("""
				mutation($input: ProposeChangeOrderInput!) { proposeChangeOrder(input: $input) { id revisionRounds } }
				""")
			.variable("input",
					Map.of("projectId", project, "title", "A third revision round", "costImpact", "1800.00",
							"milestoneId", concept, "revisionRounds", 1))
			.execute()
			.path("proposeChangeOrder.id")
			.entity(String.class)
			.get();
		assertThat(list(view(client, project), "needsYou")).extracting((i) -> i.get("kind"))
			.containsExactly("approve-milestone", "decide-change-order", "pay-invoice", "pay-invoice");
		walk(client, order, "approveChangeOrder");
		requestChanges(client, concept);
		assertThat(view(client, project)).containsEntry("revisionRounds",
				Map.of("included", 3, "used", 3, "remaining", 0));
	}

	@Test
	void roundsAreBoughtForReviewsOnly() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		assertThat(
				proposeRounds(staff,
						Map.of("projectId", project, "title", "Rounds for a workshop", "milestoneId",
								milestoneId(staff, project, "kickoff"), "revisionRounds", 1)))
			.isEqualTo("NOT_A_REVIEW");
		assertThat(
				proposeRounds(staff, Map.of("projectId", project, "title", "Rounds for nothing", "revisionRounds", 1)))
			.isEqualTo("MILESTONE_REQUIRED");
		assertThat(proposeRounds(staff,
				Map.of("projectId", project, "title", "Endless rounds", "milestoneId",
						milestoneId(staff, project, "concept-approval"), "revisionRounds", 11)))
			.isEqualTo("INVALID_ROUNDS");
	}

	/** The error code of a change order that buys revision rounds. */
	private static String proposeRounds(HttpGraphQlTester staff, Map<String, Object> input) {
		return errorCode(staff.document("""
				mutation($input: ProposeChangeOrderInput!) { proposeChangeOrder(input: $input) { id } }
				""").variable("input", input).execute());
	}

	private static void requestChanges(HttpGraphQlTester client, String milestone) {
		client.documentName("requestChanges")
			.variable("id", milestone)
			.variable("reason", "Warmer colours, please")
			.execute()
			.path("requestChanges.status")
			.entity(String.class)
			.isEqualTo("CHANGES_REQUESTED");
	}

	private static Map<String, Object> view(HttpGraphQlTester tester, String project) {
		return tester.document(VIEW).variable("id", project).execute().path("project.view").entity(MAP).get();
	}

}
