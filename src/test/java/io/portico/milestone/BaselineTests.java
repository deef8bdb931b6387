package io.portico.milestone;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The baseline measures each milestone against the plan the project was created with,
 * which only approved change orders move; a what-if slip shows what it would push, and
 * why, without writing anything.
 */
class BaselineTests extends PorticoTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String ENTRY = """
			milestone { key dueDate version } plannedDate forecastDate completedOn slipDays pushedBy { key } shiftDays
			""";

	@Test
	void slipsAreMeasuredAgainstThePlanThatOnlyChangeOrdersMove() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		Map<String, Map<String, Object>> planned = baseline(staff, project);
		assertThat(planned).hasSize(6)
			.allSatisfy((key, entry) -> assertThat(entry).containsEntry("plannedDate", due(entry))
				.containsEntry("forecastDate", due(entry))
				.containsEntry("slipDays", 0)
				.containsEntry("pushedBy", null));

		String integrations = milestoneId(staff, project, "integrations-configured");
		LocalDate later = LocalDate.parse(due(planned.get("integrations-configured"))).plusDays(5);
		staff.document("mutation($id: ID!, $due: Date) { updateMilestone(input: {id: $id, dueDate: $due}) { id } }")
			.variable("id", integrations)
			.variable("due", later.toString())
			.execute()
			.path("updateMilestone.id")
			.hasValue();
		Map<String, Map<String, Object>> moved = baseline(staff, project);
		assertThat(moved.get("integrations-configured"))
			.containsEntry("plannedDate", planned.get("integrations-configured").get("plannedDate"))
			.containsEntry("forecastDate", later.toString())
			.containsEntry("slipDays", 5);

		String order = staff
			.document("mutation($input: ProposeChangeOrderInput!) { proposeChangeOrder(input: $input) { id } }")
			.variable("input",
					Map.of("projectId", project, "title", "Second payroll entity", "scheduleImpactDays", 7,
							"milestoneId", milestoneId(staff, project, "data-migration-verified")))
			.execute()
			.path("proposeChangeOrder.id")
			.entity(String.class)
			.get();
		walk(client(SAAS, account), order, "approveChangeOrder");
		Map<String, Map<String, Object>> replanned = baseline(staff, project);
		assertThat(replanned.get("data-migration-verified"))
			.containsEntry("plannedDate", plusDays(planned.get("data-migration-verified").get("plannedDate"), 7))
			.containsEntry("slipDays", 0);
		assertThat(replanned.get("go-live")).containsEntry("plannedDate",
				plusDays(planned.get("go-live").get("plannedDate"), 7));
		assertThat(replanned.get("kickoff")).isEqualTo(planned.get("kickoff"));
	}

	@Test
	void aWhatIfSlipShowsWhatItPushesAndWhyAndWritesNothing() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		String kickoff = milestoneId(staff, project, "kickoff");
		Map<String, Map<String, Object>> before = baseline(staff, project);
		int eventsBefore = activityTypes(staff, project).size();

		Map<String, Map<String, Object>> slipped = simulate(staff, kickoff, 10);

		assertThat(slipped.get("kickoff")).containsEntry("shiftDays", 10)
			.containsEntry("slipDays", 10)
			.containsEntry("pushedBy", null)
			.containsEntry("forecastDate", plusDays(before.get("kickoff").get("forecastDate"), 10));
		assertThat(slipped.get("integrations-configured")).containsEntry("shiftDays", 10)
			.containsEntry("pushedBy", Map.of("key", "kickoff"));
		assertThat(slipped.get("data-migration-verified")).containsEntry("pushedBy",
				Map.of("key", "integrations-configured"));
		assertThat(slipped.get("go-live")).containsEntry("shiftDays", 10)
			.containsEntry("pushedBy", Map.of("key", "parallel-run-review"));
		assertThat(baseline(staff, project)).isEqualTo(before);
		assertThat(activityTypes(staff, project)).hasSize(eventsBefore);

		// A client's what-if knows only what it sees: the internal review is not named.
		Map<String, Map<String, Object>> clientView = simulate(client(SAAS, account), kickoff, 10);
		assertThat(clientView).doesNotContainKey("parallel-run-review");
		assertThat(clientView.get("training-scheduled")).containsEntry("shiftDays", 10);
	}

	@Test
	void whatCannotSlipIsRefused() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		String kickoff = milestoneId(staff, project, "kickoff");

		assertThat(errorCode(simulation(staff, kickoff, 0))).isEqualTo("INVALID_DAYS");
		assertThat(errorCode(simulation(staff, kickoff, 3651))).isEqualTo("INVALID_DAYS");
		assertThat(errorCode(simulation(client(SAAS, account), milestoneId(staff, project, "parallel-run-review"), 3)))
			.isEqualTo("NOT_FOUND");
		assertThat(errorCode(simulation(staff(AGENCY), kickoff, 3))).isEqualTo("NOT_FOUND");
		completeMilestone(SAAS, account, kickoff);
		assertThat(errorCode(simulation(staff, kickoff, 3))).isEqualTo("ALREADY_COMPLETED");
		assertThat(baseline(staff, project).get("kickoff")).containsEntry("forecastDate", null)
			.containsEntry("completedOn", LocalDate.now().toString());
	}

	private static Map<String, Map<String, Object>> baseline(HttpGraphQlTester tester, String project) {
		return byKey(tester.document("query($id: ID!) { project(id: $id) { baseline { " + ENTRY + " } } }")
			.variable("id", project)
			.execute()
			.path("project.baseline")
			.entityList(MAP)
			.get());
	}

	private static Map<String, Map<String, Object>> simulate(HttpGraphQlTester tester, String milestone, int days) {
		return byKey(simulation(tester, milestone, days).path("simulateSlip").entityList(MAP).get());
	}

	private static HttpGraphQlTester.Response simulation(HttpGraphQlTester tester, String milestone, int days) {
		return tester
			.document(
					"mutation($id: ID!, $days: Int!) { simulateSlip(milestoneId: $id, days: $days) { " + ENTRY + " } }")
			.variable("id", milestone)
			.variable("days", days)
			.execute();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> entries) {
		return entries.stream()
			.collect(Collectors.toMap((e) -> (String) ((Map<String, Object>) e.get("milestone")).get("key"),
					Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
	}

	@SuppressWarnings("unchecked")
	private static String due(Map<String, Object> entry) {
		return (String) ((Map<String, Object>) entry.get("milestone")).get("dueDate");
	}

	private static String plusDays(Object date, int days) {
		return LocalDate.parse((String) date).plusDays(days).toString();
	}

}
