package io.portico.inspection;

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
 * Inspections: recorded by staff, never rewritten; a failed one keeps its milestone from
 * completing until a pass is recorded; clients see the results of the milestones they see
 * and a report only once the document rules unlock it.
 */
class InspectionTests extends PorticoTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String AUTHORITY = "Marion County Building Division";

	private static final String INSPECTIONS = """
			query($id: ID!) { milestone(id: $id) { status inspections {
			  result authority inspectedOn report { id name } recordedBy milestone { key } } } }
			""";

	@Test
	void aFailedInspectionKeepsItsMilestoneFromCompletingUntilAPassIsRecorded() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		completeMilestone(BUILDER, account, milestoneId(staff, project, "permits-filed"));
		completeMilestone(BUILDER, account, milestoneId(staff, project, "site-prep"));
		String foundation = milestoneId(staff, project, "foundation-poured");
		walk(staff, foundation, "startMilestone", "submitMilestone");

		Map<String, Object> failed = record(staff, foundation, "FAILED", LocalDate.now(), null).path("recordInspection")
			.entity(MAP)
			.get();
		assertThat(failed).containsEntry("result", "FAILED").containsEntry("authority", AUTHORITY);
		Map<String, Object> refusal = errorOf(act(staff, "approveMilestone", foundation));
		assertThat(refusal).containsEntry("code", "INSPECTION_FAILED")
			.containsEntry("authority", AUTHORITY)
			.containsEntry("inspectedOn", LocalDate.now().toString());
		assertThat(inspections(staff, foundation)).containsEntry("status", "AWAITING_APPROVAL");

		record(staff, foundation, "PASSED", LocalDate.now(), "Re-inspection by J. Ortiz")
			.path("recordInspection.result")
			.entity(String.class)
			.isEqualTo("PASSED");
		walk(staff, foundation, "approveMilestone");

		Map<String, Object> after = inspections(staff, foundation);
		assertThat(after).containsEntry("status", "COMPLETED");
		assertThat(list(after)).extracting((i) -> i.get("result") + " " + i.get("authority"))
			.containsExactly("FAILED " + AUTHORITY, "PASSED Re-inspection by J. Ortiz");
		assertThat(activityTypes(client(BUILDER, account), project)).contains("InspectionRecorded");
		assertThat(errorCode(record(staff, foundation, "FAILED", LocalDate.now(), null)))
			.isEqualTo("ALREADY_COMPLETED");
	}

	@Test
	void recordingIsForStaffOnInspectionMilestonesThatAreNotCompleted() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		String framing = milestoneId(staff, project, "framing-inspection");
		LocalDate today = LocalDate.now();

		assertThat(errorCode(record(client(BUILDER, account), framing, "PASSED", today, null)))
			.isEqualTo("NOT_PERMITTED");
		assertThat(errorCode(record(staff, permits, "PASSED", today, null))).isEqualTo("NOT_AN_INSPECTION");
		assertThat(errorCode(record(staff, framing, "PASSED", today.plusDays(1), null))).isEqualTo("DATE_IN_FUTURE");
		assertThat(errorCode(record(staff, framing, "NOT_SCHEDULED", null, null))).isEqualTo("INVALID_RESULT");
		assertThat(errorCode(record(staff(AGENCY), framing, "PASSED", today, null))).isEqualTo("NOT_FOUND");
		String elsewhere = attach(staff, newProject(BUILDER, account, "custom-home"), null, "Other report.pdf");
		assertThat(errorCode(staff.documentName("recordInspection")
			.variable("input", Map.of("milestoneId", framing, "result", "PASSED", "reportDocumentId", elsewhere))
			.execute())).isEqualTo("NOT_FOUND");
		record(staff, framing, "SCHEDULED", today.plusDays(3), null).path("recordInspection.result")
			.entity(String.class)
			.isEqualTo("SCHEDULED");

		completeMilestone(BUILDER, account, permits);
		assertThat(errorCode(record(staff, permits, "PASSED", today, null))).isEqualTo("NOT_AN_INSPECTION");
		assertThat(list(inspections(staff, framing))).singleElement()
			.satisfies((i) -> assertThat(i).containsEntry("result", "SCHEDULED"));
	}

	@Test
	void clientsSeeResultsOfTheMilestonesTheySeeAndReportsOnlyOnceUnlocked() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		HttpGraphQlTester client = client(BUILDER, account);
		for (String key : List.of("permits-filed", "site-prep")) {
			completeMilestone(BUILDER, account, milestoneId(staff, project, key));
		}
		String foundation = milestoneId(staff, project, "foundation-poured");
		String report = attach(staff, project, foundation, "Footing inspection report.pdf");
		walk(staff, foundation, "startMilestone");
		staff.documentName("recordInspection")
			.variable("input",
					Map.of("milestoneId", foundation, "result", "PASSED", "inspectedOn", LocalDate.now().toString(),
							"reportDocumentId", report))
			.execute()
			.path("recordInspection.report.id")
			.entity(String.class)
			.isEqualTo(report);

		assertThat(list(inspections(client, foundation))).singleElement()
			.satisfies((i) -> assertThat(i).containsEntry("result", "PASSED").containsEntry("report", null));
		walk(staff, foundation, "submitMilestone", "approveMilestone");
		assertThat(list(inspections(client, foundation))).singleElement()
			.satisfies((i) -> assertThat(i).containsEntry("report",
					Map.of("id", report, "name", "Footing inspection report.pdf")));

		// An inspection of a milestone the client does not see stays unseen, event and
		// all.
		String roughIns = milestoneId(staff, project, "rough-ins");
		staff.document("mutation($id: ID!) { updateMilestone(input: {id: $id, clientVisible: false}) { id } }")
			.variable("id", roughIns)
			.execute()
			.path("updateMilestone.id")
			.hasValue();
		int seen = activityTypes(client, project).size();
		record(staff, roughIns, "SCHEDULED", LocalDate.now().plusDays(9), null).path("recordInspection.result")
			.hasValue();
		client.document(INSPECTIONS).variable("id", roughIns).execute().path("milestone").valueIsNull();
		assertThat(activityTypes(client, project)).hasSize(seen);
		assertThat(activityTypes(staff, project).get(0)).isEqualTo("InspectionRecorded");
	}

	private static HttpGraphQlTester.Response record(HttpGraphQlTester tester, String milestone, String result,
			LocalDate on, String authority) {
		Map<String, Object> input = new HashMap<>(Map.of("milestoneId", milestone, "result", result));
		if (on != null) {
			input.put("inspectedOn", on.toString());
		}
		if (authority != null) {
			input.put("authority", authority);
		}
		return tester.documentName("recordInspection").variable("input", input).execute();
	}

	private static Map<String, Object> inspections(HttpGraphQlTester tester, String milestone) {
		return tester.document(INSPECTIONS).variable("id", milestone).execute().path("milestone").entity(MAP).get();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> milestone) {
		return (List<Map<String, Object>>) milestone.get("inspections");
	}

}
