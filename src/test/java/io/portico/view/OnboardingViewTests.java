package io.portico.view;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static io.portico.view.ConstructionViewTests.DAY;
import static io.portico.view.ConstructionViewTests.MAP;
import static io.portico.view.ConstructionViewTests.key;
import static io.portico.view.ConstructionViewTests.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SaaS customer's view: the go-live date, readiness, the checks an integration
 * reports with its own token (which may do nothing else), and the customer's own tasks.
 */
class OnboardingViewTests extends PorticoTest {

	private static final String VIEW = """
			query($id: ID!) { project(id: $id) { view {
			  __typename headline stage needsYou { kind milestone { key } }
			  ... on OnboardingView {
			    goLiveDate readiness customerTasks { key status }
			    checks { name status detail checkedBy milestone { key } }
			  }
			} } }
			""";

	private static final String RECORD = """
			mutation($input: RecordCheckInput!) { recordIntegrationCheck(input: $input) { name status detail checkedAt } }
			""";

	@Test
	void checksReportedByAnIntegrationGateTheMilestoneThatRequiresThem() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		HttpGraphQlTester connector = integration();
		completeMilestone(SAAS, account, milestoneId(staff, project, "kickoff"));
		String integrations = milestoneId(staff, project, "integrations-configured");
		walk(staff, integrations, "startMilestone", "submitMilestone");

		record(connector, project, integrations, "FAILING", "401 from the HRIS API")
			.path("recordIntegrationCheck.status")
			.entity(String.class)
			.isEqualTo("FAILING");
		Map<String, Object> refusal = errorOf(act(staff, "approveMilestone", integrations));
		assertThat(refusal).containsEntry("code", "CHECKS_NOT_PASSING")
			.containsEntry("checks", List.of(Map.of("name", "HRIS sync", "status", "FAILING")));
		assertThat(list(view(admin(SAAS), project), "needsYou")).extracting((i) -> i.get("kind") + " " + key(i))
			.contains("fix-check integrations-configured");

		record(connector, project, integrations, "PASSING", null).path("recordIntegrationCheck.status")
			.entity(String.class)
			.isEqualTo("PASSING");
		walk(staff, integrations, "approveMilestone");
		assertThat(list(view(client(SAAS, account), project), "checks")).singleElement()
			.satisfies((check) -> assertThat(check).containsEntry("name", "HRIS sync")
				.containsEntry("status", "PASSING")
				.containsEntry("checkedBy", "hris-connector")
				.containsEntry("milestone", Map.of("key", "integrations-configured")));
	}

	@Test
	void anIntegrationTokenRecordsChecksAndNothingElse() {
		String project = newProject(SAAS, newClientAccount(SAAS), "standard-onboarding");
		HttpGraphQlTester connector = integration();
		String kickoff = milestoneId(staff(SAAS), project, "kickoff");

		assertThat(errorCode(connector.document("{ projects { edges { node { name } } } }").execute()))
			.isEqualTo("NOT_PERMITTED");
		assertThat(errorCode(connector
			.document(
					"""
							mutation($input: RecordCheckInput!) { recordIntegrationCheck(input: $input) { milestone { project { name } } } }
							""")
			.variable("input",
					Map.of("projectId", project, "name", "HRIS sync", "status", "PASSING", "milestoneId", kickoff))
			.execute())).isEqualTo("NOT_PERMITTED");
		assertThat(errorCode(act(connector, "startMilestone", kickoff))).isEqualTo("NOT_PERMITTED");
		assertThat(errorCode(record(client(SAAS, newClientAccount(SAAS)), project, null, "PASSING", null)))
			.isIn("NOT_PERMITTED", "NOT_FOUND");
		assertThat(list(view(staff(SAAS), project), "checks")).isEmpty();
		assertThat(errorCode(record(
				integration(), project, milestoneId(staff(BUILDER),
						newProject(BUILDER, newClientAccount(BUILDER), "custom-home"), "permits-filed"),
				"PASSING", null)))
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void onASocketAnIntegrationTokenIsHeldToTheSameRule() {
		String project = newProject(SAAS, newClientAccount(SAAS), "standard-onboarding");
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(SAAS, Role.INTEGRATION, "hris-connector", null, List.of(), Duration.ofMinutes(10)));
		socket.document("{ projects { edges { node { name } } } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "NOT_PERMITTED")));
		socket.document(RECORD)
			.variable("input", Map.of("projectId", project, "name", "HRIS sync", "status", "PENDING"))
			.execute()
			.path("recordIntegrationCheck.status")
			.entity(String.class)
			.isEqualTo("PENDING");
	}

	@Test
	void theCustomerSeesGoLiveReadinessItsTasksAndWhatIsOverdue() {
		String account = newClientAccount(SAAS);
		HttpGraphQlTester staff = staff(SAAS);
		String project = staff.documentName("createProject")
			.variable("input",
					Map.of("templateKey", "standard-onboarding", "name", "Late onboarding", "clientAccountId", account,
							"startDate", LocalDate.now().minusDays(30).toString(), "contractValue", "9000.00"))
			.execute()
			.path("createProject.id")
			.entity(String.class)
			.get();
		meetAllCriteria(SAAS, project);
		HttpGraphQlTester client = client(SAAS, account);
		assertThat(view(client, project)).containsEntry("readiness", 50);

		String integrations = milestoneId(staff, project, "integrations-configured");
		record(staff, project, integrations, "PASSING", null);
		completeMilestone(SAAS, account, milestoneId(staff, project, "kickoff"));
		completeMilestone(SAAS, account, integrations);

		Map<String, Object> view = view(client, project);
		String goLive = client.document("query($id: ID!) { milestone(id: $id) { forecastDate } }")
			.variable("id", milestoneId(staff, project, "go-live"))
			.execute()
			.path("milestone.forecastDate")
			.entity(String.class)
			.get();
		assertThat(view).containsEntry("__typename", "OnboardingView")
			.containsEntry("goLiveDate", goLive)
			.containsEntry("readiness", 75)
			.containsEntry("stage", "Setup")
			.containsEntry("headline",
					"Go-live forecast for " + DAY.format(LocalDate.parse(goLive)) + "; 1 of your tasks overdue")
			.containsEntry("customerTasks", List.of(Map.of("key", "data-migration-verified", "status", "PLANNED")));
		assertThat(list(view, "needsYou")).extracting((i) -> i.get("kind") + " " + key(i))
			.containsExactly("do-task data-migration-verified", "pay-invoice null");
		assertThat(view(staff, project)).extracting((v) -> v.get("headline"))
			.asString()
			.endsWith("; 1 customer task overdue");
	}

	private HttpGraphQlTester integration() {
		return tester(
				this.tokens.issue(SAAS, Role.INTEGRATION, "hris-connector", null, List.of(), Duration.ofMinutes(10)));
	}

	private static HttpGraphQlTester.Response record(HttpGraphQlTester tester, String project, String milestone,
			String status, String detail) {
		Map<String, Object> input = new HashMap<>(Map.of("projectId", project, "name", "HRIS sync", "status", status));
		if (milestone != null) {
			input.put("milestoneId", milestone);
		}
		if (detail != null) {
			input.put("detail", detail);
		}
		return tester.document(RECORD).variable("input", input).execute();
	}

	private static Map<String, Object> view(HttpGraphQlTester tester, String project) {
		return tester.document(VIEW).variable("id", project).execute().path("project.view").entity(MAP).get();
	}

}
