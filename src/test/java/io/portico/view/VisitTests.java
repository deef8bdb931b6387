package io.portico.view;

import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What changed for a person since their last visit: through their lens, oldest first, in
 * the tenant's words, and per person.
 */
class VisitTests extends PorticoTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String SINCE = """
			query($id: ID!) { project(id: $id) { sinceLastVisit {
			  lastVisitAt summary
			  events { __typename ... on MilestoneChanged { milestone { key } status } }
			} } }
			""";

	@Test
	void aClientSeesWhatChangedSinceItsLastVisitInItsOwnWords() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester client = client(BUILDER, account);
		HttpGraphQlTester staff = staff(BUILDER);

		assertThat(since(client, project)).containsEntry("lastVisitAt", null)
			.containsEntry("events", List.of())
			.containsEntry("summary", ChangeSummary.FIRST_VISIT);
		String left = markVisited(client, project);
		assertThat(since(client, project)).containsEntry("lastVisitAt", left)
			.containsEntry("events", List.of())
			.containsEntry("summary", ChangeSummary.NOTHING_NEW);

		for (String key : List.of("permits-filed", "site-prep", "foundation-poured")) {
			completeMilestone(BUILDER, account, milestoneId(staff, project, key));
		}

		Map<String, Object> since = since(client, project);
		assertThat(since).containsEntry("lastVisitAt", left)
			.containsEntry("summary",
					"2 stages started, 2 stages completed, 1 stage submitted for approval, 1 invoice issued");
		assertThat(events(since)).extracting((e) -> e.get("__typename") + " " + e.get("status"))
			.containsExactly("MilestoneChanged IN_PROGRESS", "MilestoneChanged COMPLETED",
					"MilestoneChanged IN_PROGRESS", "MilestoneChanged AWAITING_APPROVAL", "MilestoneChanged COMPLETED",
					"InvoiceIssued null");
		assertThat(events(since))
			.noneSatisfy((e) -> assertThat(e.get("milestone")).isEqualTo(Map.of("key", "site-prep")));

		// Visits are a person's: staff have not visited yet, and see the internal work.
		assertThat(since(staff, project)).containsEntry("summary", ChangeSummary.FIRST_VISIT);
		markVisited(client, project);
		assertThat(since(client, project)).containsEntry("summary", ChangeSummary.NOTHING_NEW);
	}

	@Test
	void nobodyRecordsAVisitToAProjectTheyCannotSee() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester stranger = client(BUILDER, newClientAccount(BUILDER));

		assertThat(errorCode(stranger.document("mutation($id: ID!) { markVisited(projectId: $id) }")
			.variable("id", project)
			.execute())).isEqualTo("NOT_FOUND");
		assertThat(errorCode(staff(AGENCY).document("mutation($id: ID!) { markVisited(projectId: $id) }")
			.variable("id", project)
			.execute())).isEqualTo("NOT_FOUND");
	}

	@Test
	void summariesCountInTheTenantsWordsAndPlurals() {
		assertThat(ChangeSummary.plural("stage")).isEqualTo("stages");
		assertThat(ChangeSummary.plural("change order")).isEqualTo("change orders");
		assertThat(ChangeSummary.plural("delivery")).isEqualTo("deliveries");
		assertThat(ChangeSummary.plural("survey")).isEqualTo("surveys");
		assertThat(ChangeSummary.plural("punch list")).isEqualTo("punch lists");
		assertThat(ChangeSummary.plural("sketch")).isEqualTo("sketches");
	}

	private static Map<String, Object> since(HttpGraphQlTester tester, String project) {
		return tester.document(SINCE)
			.variable("id", project)
			.execute()
			.path("project.sinceLastVisit")
			.entity(MAP)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> events(Map<String, Object> since) {
		return (List<Map<String, Object>>) since.get("events");
	}

	private static String markVisited(HttpGraphQlTester tester, String project) {
		return tester.document("mutation($id: ID!) { markVisited(projectId: $id) }")
			.variable("id", project)
			.execute()
			.path("markVisited")
			.entity(String.class)
			.get();
	}

}
