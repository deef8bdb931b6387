package io.portico.changeorder;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change orders: revisions after the concept is approved are logged as change orders
 * instead of free rework. Staff propose, the client decides, and an approval raises the
 * contract value, bills the cost, adds criteria and moves the schedule at once.
 */
class ChangeOrderTests extends PorticoTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String CHANGE_ORDER = """
			query($id: ID!) { changeOrder(id: $id) { id title status costImpact { amount currency }
			  scheduleImpactDays requestedBy decidedBy decidedRole decidedAt note version newAcceptanceCriteria
			  milestone { key } project { id } } }
			""";

	private static final String PLAN = """
			query($id: ID!) { project(id: $id) {
			  contractValue { amount }
			  billing { contractValue { amount } invoiced { amount } }
			  invoices { status amount { amount } number milestone { key } changeOrder { id } }
			  milestones { key dueDate status acceptanceCriteria { text } }
			} }
			""";

	@Test
	void anApprovedRevisionRaisesTheContractBillsItAddsCriteriaAndMovesTheSchedule() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		HttpGraphQlTester client = client(AGENCY, account);
		for (String key : List.of("kickoff", "discovery-readout", "internal-concept-review", "concept-approval")) {
			completeMilestone(AGENCY, account, milestoneId(staff, project, key));
		}
		Map<String, Object> before = plan(staff, project);

		String order = propose(staff, project,
				Map.of("title", "Add a microsite", "costImpact", "4500.00", "scheduleImpactDays", 10, "milestoneId",
						milestoneId(staff, project, "final-assets"), "newAcceptanceCriteria",
						List.of("Microsite launched")));
		assertThat(changeOrder(client, order)).containsEntry("status", "PROPOSED")
			.containsEntry("requestedBy", "staff@" + AGENCY)
			.containsEntry("costImpact", Map.of("amount", "4500.00", "currency", "USD"));
		assertThat(errorCode(staff.document("mutation($id: ID!) { approveChangeOrder(id: $id) { id } }")
			.variable("id", order)
			.execute())).isEqualTo("NOT_PERMITTED");

		client.document(
				"mutation($id: ID!) { approveChangeOrder(id: $id, expectedVersion: 1, note: \"Go ahead\") { status } }")
			.variable("id", order)
			.execute()
			.path("approveChangeOrder.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		assertThat(changeOrder(client, order)).containsEntry("decidedBy", "user@" + account)
			.containsEntry("decidedRole", "CLIENT")
			.containsEntry("note", "Go ahead")
			.containsEntry("version", 2);

		Map<String, Object> after = plan(staff, project);
		assertThat(after.get("contractValue")).isEqualTo(Map.of("amount", "129500.50"));
		assertThat(invoices(after)).filteredOn((i) -> i.get("changeOrder") != null)
			.singleElement()
			.satisfies((invoice) -> assertThat(invoice).containsEntry("status", "ISSUED")
				.containsEntry("amount", Map.of("amount", "4500.00"))
				.containsEntry("milestone", null));
		assertThat(dueDate(after, "final-assets")).isEqualTo(dueDate(before, "final-assets").plusDays(10));
		assertThat(dueDate(after, "post-launch-review")).isEqualTo(dueDate(before, "post-launch-review").plusDays(10));
		assertThat(dueDate(after, "concept-approval")).isEqualTo(dueDate(before, "concept-approval"));
		assertThat(criteria(after, "final-assets")).contains("Microsite launched");

		assertThat(activityTypes(client, project).subList(0, 2)).containsExactly("ChangeOrderDecided", "InvoiceIssued");
		assertThat(errorCode(client.document("mutation($id: ID!) { rejectChangeOrder(id: $id, reason: \"No\") { id } }")
			.variable("id", order)
			.execute())).isEqualTo("INVALID_TRANSITION");
		staff.document("{ notifications(first: 100) { edges { node { kind message project { id } } } } }")
			.execute()
			.path("notifications.edges[*].node")
			.entityList(MAP)
			.satisfies((notifications) -> assertThat(notifications)
				.filteredOn((n) -> project.equals(((Map<?, ?>) n.get("project")).get("id")))
				.filteredOn((n) -> "change-order-decided".equals(n.get("kind")))
				.singleElement()
				.satisfies((n) -> assertThat(n).containsEntry("message",
						"The client approved change order 'Add a microsite'")));
	}

	@Test
	void withTheNextMilestoneTheCostWaitsHiddenUntilThatMilestoneBills() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		HttpGraphQlTester client = client(SAAS, account);
		String order = propose(staff, project, Map.of("title", "Extra payroll entity", "costImpact", "800.00"));
		walk(client, order, "approveChangeOrder");

		// The onboarding bills its change orders with the next paying step: kickoff.
		assertThat(invoices(plan(client, project))).isEmpty();
		assertThat(invoices(plan(staff, project))).filteredOn((i) -> i.get("changeOrder") != null)
			.singleElement()
			.satisfies((invoice) -> assertThat(invoice).containsEntry("status", "SCHEDULED")
				.containsEntry("milestone", Map.of("key", "kickoff")));

		completeMilestone(SAAS, account, milestoneId(staff, project, "kickoff"));
		List<Map<String, Object>> issued = invoices(plan(client, project));
		assertThat(issued).extracting((i) -> i.get("amount"))
			.containsExactly(Map.of("amount", "62500.25"), Map.of("amount", "800.00"));
		assertThat(issued).allSatisfy((i) -> assertThat(i).containsEntry("status", "ISSUED"));
		assertThat(plan(client, project).get("billing")).isEqualTo(
				Map.of("contractValue", Map.of("amount", "125800.50"), "invoiced", Map.of("amount", "63300.25")));
	}

	@Test
	void theClientApprovesAChangeToInternalWorkWithoutSeeingIt() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		HttpGraphQlTester client = client(SAAS, account);
		Map<String, Object> before = plan(staff, project);
		String order = propose(staff, project,
				Map.of("title", "Second parallel run", "scheduleImpactDays", 7, "milestoneId",
						milestoneId(staff, project, "parallel-run-review"), "newAcceptanceCriteria",
						List.of("Second run matches to the cent")));
		assertThat(changeOrder(client, order)).containsEntry("milestone", null);

		walk(client, order, "approveChangeOrder");

		Map<String, Object> after = plan(staff, project);
		assertThat(criteria(after, "parallel-run-review")).containsExactly("Second run matches to the cent");
		assertThat(dueDate(after, "parallel-run-review")).isEqualTo(dueDate(before, "parallel-run-review").plusDays(7));
		assertThat(dueDate(after, "go-live")).isEqualTo(dueDate(before, "go-live").plusDays(7));
		assertThat(dueDate(after, "training-scheduled")).isEqualTo(dueDate(before, "training-scheduled"));
	}

	@Test
	void rejectionsWithdrawalsAndRefusals() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		HttpGraphQlTester client = client(AGENCY, account);
		String rejected = propose(staff, project, Map.of("title", "Animated logo", "costImpact", "1200"));
		client.document("mutation($id: ID!) { rejectChangeOrder(id: $id, reason: \"Not this year\") { status note } }")
			.variable("id", rejected)
			.execute()
			.path("rejectChangeOrder.status")
			.entity(String.class)
			.isEqualTo("REJECTED")
			.path("rejectChangeOrder.note")
			.entity(String.class)
			.isEqualTo("Not this year");
		assertThat(plan(staff, project).get("contractValue")).isEqualTo(Map.of("amount", "125000.50"));

		String withdrawn = propose(staff, project, Map.of("title", "Print collateral"));
		assertThat(errorCode(client.document("mutation($id: ID!) { withdrawChangeOrder(id: $id) { id } }")
			.variable("id", withdrawn)
			.execute())).isEqualTo("NOT_PERMITTED");
		walk(staff, withdrawn, "withdrawChangeOrder");
		assertThat(changeOrder(client, withdrawn)).containsEntry("status", "WITHDRAWN");

		assertThat(errorCode(client.document("""
				mutation($p: ID!) { proposeChangeOrder(input: {projectId: $p, title: "Free work"}) { id } }
				""").variable("p", project).execute())).isEqualTo("NOT_PERMITTED");
		assertThat(errorCode(staff
			.document(
					"""
							mutation($p: ID!) { proposeChangeOrder(input: {projectId: $p, title: "X", newAcceptanceCriteria: ["Y"]}) { id } }
							""")
			.variable("p", project)
			.execute())).isEqualTo("MILESTONE_REQUIRED");
		assertThat(errorCode(staff.document("""
				mutation($p: ID!) { proposeChangeOrder(input: {projectId: $p, title: "X", costImpact: "1.005"}) { id } }
				""").variable("p", project).execute())).isEqualTo("INVALID_AMOUNT");

		String stranger = newClientAccount(AGENCY);
		client(AGENCY, stranger).document(CHANGE_ORDER)
			.variable("id", rejected)
			.execute()
			.path("changeOrder")
			.valueIsNull();
		client(AGENCY, stranger).document(CHANGE_ORDER.replace("changeOrder(id: $id)", "changeOrder(id: $id)"))
			.variable("id", withdrawn)
			.execute()
			.path("changeOrder")
			.valueIsNull();
		assertThat(activityTypes(client, project)).containsSubsequence("ChangeOrderDecided", "ChangeOrderProposed",
				"ChangeOrderDecided", "ChangeOrderProposed");
	}

	private static String propose(HttpGraphQlTester staff, String project, Map<String, Object> fields) {
		Map<String, Object> input = new HashMap<>(fields);
		input.put("projectId", project);
		return staff.document("mutation($input: ProposeChangeOrderInput!) { proposeChangeOrder(input: $input) { id } }")
			.variable("input", input)
			.execute()
			.path("proposeChangeOrder.id")
			.entity(String.class)
			.get();
	}

	private static Map<String, Object> changeOrder(HttpGraphQlTester tester, String id) {
		return tester.document(CHANGE_ORDER).variable("id", id).execute().path("changeOrder").entity(MAP).get();
	}

	private static Map<String, Object> plan(HttpGraphQlTester tester, String project) {
		return tester.document(PLAN).variable("id", project).execute().path("project").entity(MAP).get();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> invoices(Map<String, Object> plan) {
		return (List<Map<String, Object>>) plan.get("invoices");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> milestone(Map<String, Object> plan, String key) {
		return ((List<Map<String, Object>>) plan.get("milestones")).stream()
			.filter((m) -> key.equals(m.get("key")))
			.findFirst()
			.orElseThrow();
	}

	private static LocalDate dueDate(Map<String, Object> plan, String key) {
		return LocalDate.parse((String) milestone(plan, key).get("dueDate"));
	}

	@SuppressWarnings("unchecked")
	private static List<String> criteria(Map<String, Object> plan, String key) {
		return ((List<Map<String, Object>>) milestone(plan, key).get("acceptanceCriteria")).stream()
			.map((c) -> (String) c.get("text"))
			.toList();
	}

}
