package io.portico.view;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static io.portico.view.ConstructionViewTests.MAP;
import static io.portico.view.ConstructionViewTests.list;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each demo tenant's first project is seeded to a state where its view is interesting: a
 * build with a passed and a scheduled inspection and a draw issued, an agency project in
 * its second revision round with one left, an onboarding with a failing check and an
 * overdue customer task.
 */
class DemoViewsTests extends PorticoTest {

	@Test
	void theBuildersDemoHasAPassedAndAScheduledInspectionAndADrawIssued() {
		Map<String, Object> view = view(client(BUILDER, "okafor-household"), "14 Alder Lane", """
				... on ConstructionView { inspections { result } draws { status } }
				""");
		assertThat(list(view, "inspections")).extracting((i) -> i.get("result"))
			.containsExactly("PASSED", "SCHEDULED", "NOT_SCHEDULED");
		assertThat(list(view, "draws")).extracting((d) -> d.get("status")).containsExactly("ISSUED");
	}

	@Test
	void theAgencysDemoIsInItsSecondRevisionRoundWithOneLeft() {
		Map<String, Object> view = view(client(AGENCY, "fernwood-coffee"), "Fernwood rebrand", """
				... on AgencyView { revisionRounds { included used remaining } }
				""");
		assertThat(view).containsEntry("revisionRounds", Map.of("included", 2, "used", 1, "remaining", 1));
		assertThat((String) view.get("headline")).contains("round 2, 1 revision round left");
	}

	@Test
	void theOnboardingDemoHasAFailingCheckAndAnOverdueCustomerTask() {
		Map<String, Object> view = view(client(SAAS, "brightline-logistics"), "Brightline onboarding", """
				... on OnboardingView { checks { status } customerTasks { status dueDate } }
				""");
		assertThat(list(view, "checks")).extracting((c) -> c.get("status")).contains("FAILING");
		assertThat(list(view, "customerTasks")).anySatisfy((task) -> {
			assertThat(task.get("status")).isNotEqualTo("COMPLETED");
			assertThat(LocalDate.parse((String) task.get("dueDate"))).isBefore(LocalDate.now());
		});
		assertThat((String) view.get("headline")).contains("1 check failing").contains("of your tasks overdue");
	}

	private static Map<String, Object> view(HttpGraphQlTester client, String name, String fragment) {
		List<Map<String, Object>> projects = client
			.document("{ projects(first: 10) { edges { node { name view { headline " + fragment + " } } } } }")
			.execute()
			.path("projects.edges[*].node")
			.entityList(MAP)
			.get();
		@SuppressWarnings("unchecked")
		Map<String, Object> view = (Map<String, Object>) projects.stream()
			.filter((p) -> name.equals(p.get("name")))
			.findFirst()
			.orElseThrow()
			.get("view");
		return view;
	}

}
