package io.portico.view;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What changes a view reaches open portals on {@code portalEvents}, which a portal takes
 * as its cue to read its view again: inspection results and check reports included.
 */
class LiveViewsTests extends PorticoTest {

	private static final String EVENTS = """
			subscription($p: ID, $after: String) { portalEvents(projectId: $p, after: $after) {
			  __typename
			  ... on InspectionRecorded { result milestone { key } }
			  ... on IntegrationCheckRecorded { name status reportedOn: milestone { key } }
			} }
			""";

	@Test
	void aHomeownerIsToldOfAnInspectionResultAsItIsRecorded() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String framing = milestoneId(staff, project, "framing-inspection");
		String token = this.tokens.issue(BUILDER, Role.CLIENT, "home@" + account, account, List.of(),
				Duration.ofMinutes(5));

		StepVerifier
			.create(sse(token, EVENTS, Map.of("p", project, "after", creationCursor(BUILDER, project)))
				.filter((data) -> data.contains("InspectionRecorded")))
			.then(() -> ConstructionViewTests.record(staff, framing, "SCHEDULED", LocalDate.now().plusDays(2)))
			.assertNext((data) -> assertThat(data).contains("\"result\":\"SCHEDULED\"").contains("framing-inspection"))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void aCustomerIsToldOfACheckReportAsItArrives() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		String token = this.tokens.issue(SAAS, Role.CLIENT, "ops@" + account, account, List.of(),
				Duration.ofMinutes(5));
		HttpGraphQlTester connector = tester(
				this.tokens.issue(SAAS, Role.INTEGRATION, "sso-connector", null, List.of(), Duration.ofMinutes(5)));

		StepVerifier
			.create(sse(token, EVENTS, Map.of("p", project, "after", creationCursor(SAAS, project)))
				.filter((data) -> data.contains("IntegrationCheckRecorded")))
			.then(() -> connector
				.document("mutation($input: RecordCheckInput!) { recordIntegrationCheck(input: $input) { status } }")
				.variable("input", Map.of("projectId", project, "name", "SSO", "status", "FAILING"))
				.execute()
				.path("recordIntegrationCheck.status")
				.entity(String.class)
				.isEqualTo("FAILING"))
			.assertNext((data) -> assertThat(data).contains("\"name\":\"SSO\"").contains("\"status\":\"FAILING\""))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

}
