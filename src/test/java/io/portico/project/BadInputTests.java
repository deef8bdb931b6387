package io.portico.project;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input answers BAD_REQUEST with a stable code naming the field, never a stack trace,
 * and writes nothing.
 */
class BadInputTests extends PorticoTest {

	static Stream<Arguments> badProjects() {
		String longName = "x".repeat(201);
		return Stream.of(Arguments.of(Map.of("templateKey", "skyscraper"), "UNKNOWN_TEMPLATE", "templateKey"),
				Arguments.of(Map.of("name", "   "), "BLANK_FIELD", "name"),
				Arguments.of(Map.of("name", longName), "TOO_LONG", "name"),
				Arguments.of(Map.of("targetDate", LocalDate.now().minusDays(1).toString()), "END_BEFORE_START",
						"targetDate"),
				Arguments.of(Map.of("contractValue", "-5.00"), "INVALID_AMOUNT", "contractValue"),
				Arguments.of(Map.of("contractValue", "10.005"), "INVALID_AMOUNT", "contractValue"));
	}

	@ParameterizedTest
	@MethodSource("badProjects")
	void badProjectInputIsRefusedAndWritesNothing(Map<String, Object> override, String code, String field) {
		String account = newClientAccount(BUILDER);
		Map<String, Object> input = new HashMap<>(Map.of("templateKey", "custom-home", "name", "Lot 7",
				"clientAccountId", account, "startDate", LocalDate.now().toString()));
		input.putAll(override);

		ResponseError error = singleError(staff(BUILDER).documentName("createProject").variable("input", input));

		assertThat(error.getExtensions()).containsEntry("classification", "BAD_REQUEST")
			.containsEntry("code", code)
			.containsEntry("field", field);
		assertThat(error.getMessage()).doesNotContain("Exception").doesNotContain("at io.");
		client(BUILDER, account).document("{ projects { edges { node { id } } } }")
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void malformedIdsAreBadRequests() {
		for (String operation : List.of("milestone", "startMilestone", "approveMilestone")) {
			ResponseError error = singleError(staff(BUILDER).documentName(operation).variable("id", "not-an-id"));
			assertThat(error.getExtensions()).containsEntry("code", "INVALID_ID").containsEntry("field", "id");
		}
		ResponseError error = singleError(
				staff(BUILDER).documentName("projectMilestones").variable("id", "'; DROP TABLE project; --"));
		assertThat(error.getExtensions()).containsEntry("code", "INVALID_ID");
	}

	@Test
	void oversizedAndBlankMilestoneTextIsRefused() {
		String account = newClientAccount(BUILDER);
		String project = newProjectWithOpenCriteria(BUILDER, account, "custom-home");
		String permits = milestoneId(staff(BUILDER), project, "permits-filed");

		assertThat(singleError(staff(BUILDER).documentName("updateMilestone")
			.variable("input", Map.of("id", permits, "description", "d".repeat(4001)))).getExtensions())
			.containsEntry("code", "TOO_LONG")
			.containsEntry("field", "description");
		assertThat(singleError(
				staff(BUILDER).documentName("updateMilestone").variable("input", Map.of("id", permits, "name", "")))
			.getExtensions()).containsEntry("code", "BLANK_FIELD");
		assertThat(singleError(staff(BUILDER).documentName("updateMilestone").variable("input", Map.of("id", permits)))
			.getExtensions()).containsEntry("code", "NOTHING_TO_UPDATE");
		assertThat(singleError(
				staff(BUILDER).documentName("requestChanges").variable("id", permits).variable("reason", " "))
			.getExtensions()).containsEntry("code", "BLANK_FIELD").containsEntry("field", "reason");
		staff(BUILDER).documentName("milestone")
			.variable("id", permits)
			.execute()
			.path("milestone.version")
			.entity(Integer.class)
			.isEqualTo(1);
	}

	@Test
	void malformedScalarsAndCursorsHaveStableCodes() {
		Map<String, Object> input = Map.of("templateKey", "custom-home", "name", "Lot 9", "clientAccountId", "x",
				"startDate", "2026-13-45");
		ResponseError date = singleError(staff(BUILDER).documentName("createProject").variable("input", input));
		assertThat(date.getExtensions()).containsEntry("code", "INVALID_REQUEST")
			.containsEntry("classification", "ValidationError");

		ResponseError cursor = singleError(
				staff(BUILDER).document("{ projects(after: \"garbage\") { edges { cursor } } }"));
		assertThat(cursor.getExtensions()).containsEntry("code", "INVALID_CURSOR");

		ResponseError activity = singleError(staff(BUILDER).documentName("activity")
			.variable("id", newProject(BUILDER, newClientAccount(BUILDER), "custom-home"))
			.variable("after", "Zm9vOmJhcg"));
		assertThat(activity.getExtensions()).containsEntry("code", "INVALID_CURSOR");

		ResponseError page = singleError(staff(BUILDER).document("{ projects(first: 5000) { edges { cursor } } }"));
		assertThat(page.getExtensions()).containsEntry("code", "INVALID_PAGE_SIZE");
	}

	@Test
	void keysPeopleChooseMustBeSimple() {
		assertThat(singleError(
				staff(BUILDER).documentName("saveClientAccount").variable("id", "Bad Id!").variable("name", "Someone"))
			.getExtensions()).containsEntry("code", "INVALID_ID").containsEntry("field", "id");
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String permits = milestoneId(staff(BUILDER), project, "permits-filed");
		assertThat(singleError(staff(BUILDER).documentName("updateMilestone")
			.variable("input", Map.of("id", permits, "ownerTeam", "Site Crew"))).getExtensions())
			.containsEntry("code", "INVALID_TEAM")
			.containsEntry("field", "ownerTeam");
	}

	@Test
	void clientsCannotCreateProjects() {
		String account = newClientAccount(BUILDER);
		Map<String, Object> input = Map.of("templateKey", "custom-home", "name", "Self-made", "clientAccountId",
				account, "startDate", LocalDate.now().toString());
		assertThat(singleError(client(BUILDER, account).documentName("createProject").variable("input", input))
			.getExtensions()).containsEntry("code", "NOT_PERMITTED").containsEntry("classification", "FORBIDDEN");
	}

	@Test
	void aClientLearnsNoTemplateKeysFromARefusedProject() {
		String account = newClientAccount(BUILDER);
		Map<String, Object> input = Map.of("templateKey", "no-such-template", "name", "Probe", "clientAccountId",
				account, "startDate", LocalDate.now().toString());
		ResponseError error = singleError(
				client(BUILDER, account).documentName("createProject").variable("input", input));
		assertThat(error.getExtensions()).containsEntry("code", "NOT_PERMITTED");
		assertThat(error.getMessage()).doesNotContain("custom-home");
	}

	@Test
	void clientsCannotRenameTheirAccount() {
		String account = newClientAccount(BUILDER);
		ResponseError error = singleError(client(BUILDER, account).documentName("saveClientAccount")
			.variable("id", account)
			.variable("name", "Renamed by the client"));
		assertThat(error.getExtensions()).containsEntry("code", "NOT_PERMITTED")
			.containsEntry("classification", "FORBIDDEN");
		assertThat(error.getMessage()).isEqualTo("Your role may not use saveClientAccount");
		staff(BUILDER).document("{ clientAccounts { id name } }")
			.execute()
			.path("clientAccounts[?(@.id == '" + account + "')].name")
			.entityList(String.class)
			.satisfies((names) -> assertThat(names).doesNotContain("Renamed by the client"));
	}

	private static ResponseError singleError(HttpGraphQlTester.Request<?> request) {
		List<ResponseError> errors = new java.util.ArrayList<>();
		request.execute().errors().satisfy(errors::addAll);
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

}
