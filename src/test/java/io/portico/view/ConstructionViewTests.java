package io.portico.view;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The homeowner's view: inspections, draws, lien waivers and selections, through the
 * client lens; and staff's view of the same build.
 */
class ConstructionViewTests extends PorticoTest {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

	private static final String VIEW = """
			query($id: ID!) { project(id: $id) { view {
			  __typename headline stage nextStep { key }
			  needsYou { kind title milestone { key } invoice { number } dueDate }
			  ... on ConstructionView {
			    inspections { milestone { key } authority result inspectedOn report { name } }
			    draws { status amount { amount } milestone { key } }
			    lienWaivers { name }
			    selectionsDue { key }
			  }
			} } }
			""";

	@Test
	void theHomeownerSeesPassedAndScheduledInspectionsTheDrawsIssuedAndTheirWaivers() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		HttpGraphQlTester client = client(BUILDER, account);
		for (String key : List.of("permits-filed", "site-prep")) {
			completeMilestone(BUILDER, account, milestoneId(staff, project, key));
		}
		String foundation = milestoneId(staff, project, "foundation-poured");
		String framing = milestoneId(staff, project, "framing-inspection");
		String walkthrough = milestoneId(staff, project, "final-walkthrough");
		attachWaiver(staff, project, foundation, "Concrete supplier lien waiver.pdf");
		attachWaiver(staff, project, walkthrough, "Final lien waiver.pdf");
		LocalDate today = LocalDate.now();
		walk(staff, foundation, "startMilestone");
		record(staff, foundation, "PASSED", today);
		walk(staff, foundation, "submitMilestone", "approveMilestone");
		record(staff, framing, "SCHEDULED", today.plusDays(5));

		Map<String, Object> view = view(client, project);
		assertThat(view).containsEntry("__typename", "ConstructionView")
			.containsEntry("headline", "Foundation poured on " + DAY.format(today)
					+ "; next: Framing inspection passed (inspection booked for " + DAY.format(today.plusDays(5)) + ")")
			.containsEntry("stage", "Framing")
			.containsEntry("nextStep", Map.of("key", "framing-inspection"))
			.containsEntry("selectionsDue", List.of(Map.of("key", "selections-confirmed")))
			.containsEntry("lienWaivers", List.of(Map.of("name", "Concrete supplier lien waiver.pdf")));
		assertThat(list(view, "inspections")).extracting((i) -> key(i) + " " + i.get("result"))
			.containsExactly("foundation-poured PASSED", "framing-inspection SCHEDULED", "rough-ins NOT_SCHEDULED");
		assertThat(list(view, "inspections"))
			.allSatisfy((i) -> assertThat(i).containsEntry("authority", "Marion County Building Division"));
		assertThat(list(view, "draws")).singleElement()
			.satisfies((d) -> assertThat(d).containsEntry("status", "ISSUED")
				.containsEntry("milestone", Map.of("key", "foundation-poured")));
		assertThat(list(view, "needsYou")).singleElement()
			.satisfies((item) -> assertThat(item).containsEntry("kind", "pay-invoice"));

		Map<String, Object> staffView = view(staff, project);
		assertThat(list(staffView, "draws")).extracting((d) -> d.get("status"))
			.containsExactly("ISSUED", "SCHEDULED", "SCHEDULED");
		assertThat(list(staffView, "lienWaivers")).hasSize(2);
		assertThat(list(staffView, "needsYou")).extracting((i) -> i.get("kind") + " " + key(i))
			.containsExactly("do-task framing-inspection");
	}

	@Test
	void aFailedInspectionLeadsTheHeadlineAndAnInternalOneStaysUnseen() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		HttpGraphQlTester client = client(BUILDER, account);
		for (String key : List.of("permits-filed", "site-prep", "foundation-poured")) {
			completeMilestone(BUILDER, account, milestoneId(staff, project, key));
		}
		String framing = milestoneId(staff, project, "framing-inspection");
		walk(staff, framing, "startMilestone");
		record(staff, framing, "FAILED", LocalDate.now());
		String roughIns = milestoneId(staff, project, "rough-ins");
		staff.document("mutation($id: ID!) { updateMilestone(input: {id: $id, clientVisible: false}) { id } }")
			.variable("id", roughIns)
			.execute()
			.path("updateMilestone.id")
			.hasValue();

		Map<String, Object> view = view(client, project);
		assertThat(view).containsEntry("headline", "The inspection for 'Framing inspection passed' failed on "
				+ DAY.format(LocalDate.now()) + "; a re-inspection is needed");
		assertThat(list(view, "inspections")).extracting((i) -> key(i) + " " + i.get("result"))
			.containsExactly("foundation-poured NOT_SCHEDULED", "framing-inspection FAILED");
		assertThat(list(view(staff, project), "needsYou")).extracting((i) -> i.get("kind") + " " + key(i))
			.containsExactly("do-task framing-inspection", "record-inspection framing-inspection");
		assertThat(list(view(staff, project), "inspections")).hasSize(3);
	}

	private static void attachWaiver(HttpGraphQlTester staff, String project, String milestone, String name) {
		staff.document("mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { id } }")
			.variable("input",
					Map.of("projectId", project, "milestoneId", milestone, "name", name, "kind", "lien-waiver"))
			.execute()
			.path("attachDocument.id")
			.hasValue();
	}

	static void record(HttpGraphQlTester staff, String milestone, String result, LocalDate on) {
		Map<String, Object> input = new HashMap<>(
				Map.of("milestoneId", milestone, "result", result, "inspectedOn", on.toString()));
		staff.documentName("recordInspection")
			.variable("input", input)
			.execute()
			.path("recordInspection.result")
			.entity(String.class)
			.isEqualTo(result);
	}

	static Map<String, Object> view(HttpGraphQlTester tester, String project) {
		return tester.document(VIEW).variable("id", project).execute().path("project.view").entity(MAP).get();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Map<String, Object> view, String field) {
		return (List<Map<String, Object>>) view.get(field);
	}

	@SuppressWarnings("unchecked")
	static String key(Map<String, Object> item) {
		Map<String, Object> milestone = (Map<String, Object>) item.get("milestone");
		return (milestone != null) ? (String) milestone.get("key") : null;
	}

}
