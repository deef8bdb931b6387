package io.portico.project;

import java.util.List;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The number of SQL statements for a request depends on the shape of the query, never on
 * how many rows it returns.
 */
class NoNPlusOneTests extends PorticoTest {

	@Test
	void nestedMilestoneFieldsCostTheSameForOneProjectAndForTwelve() {
		String one = newClientAccount(BUILDER);
		newProject(BUILDER, one, "custom-home");
		String twelve = newClientAccount(BUILDER);
		for (int i = 0; i < 12; i++) {
			newProject(BUILDER, twelve, "custom-home");
		}

		long forOne = statementsFor(one, 1);
		long forTwelve = statementsFor(twelve, 12);

		assertThat(forTwelve).isEqualTo(forOne);
		assertThat(forOne).isLessThanOrEqualTo(20);
	}

	@Test
	void whatCompletionDidCostsTheSameForOneProjectAndForTwelve() {
		String one = newClientAccount(BUILDER);
		String twelve = newClientAccount(BUILDER);
		for (int i = 0; i < 12; i++) {
			completeMilestone(BUILDER, twelve,
					milestoneId(staff(BUILDER), newProject(BUILDER, twelve, "custom-home"), "permits-filed"));
		}
		completeMilestone(BUILDER, one,
				milestoneId(staff(BUILDER), newProject(BUILDER, one, "custom-home"), "permits-filed"));

		long forOne = fewestStatements(() -> effects(one, 1));
		long forTwelve = fewestStatements(() -> effects(twelve, 12));

		assertThat(forTwelve).isEqualTo(forOne);
	}

	private void effects(String account, int projects) {
		client(BUILDER, account).documentName("projectsEffects")
			.variable("first", 50)
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.hasSize(projects)
			.path("projects.edges[0].node.milestones[0].approvalNote.text")
			.hasValue()
			.path("projects.edges[0].node.whoseTurn.party")
			.entity(String.class)
			.isEqualTo("TEAM");
	}

	@Test
	void theScheduleFieldsOfAProjectCostWhatOneOfThemCosts() {
		String account = newClientAccount(BUILDER);
		newProject(BUILDER, account, "custom-home");
		newProject(BUILDER, account, "custom-home");

		long one = fewestStatements(
				() -> client(BUILDER, account).document("{ projects { edges { node { progress { percent } } } } }")
					.execute()
					.path("projects.edges")
					.entityList(Object.class)
					.hasSize(2));
		long all = fewestStatements(() -> client(BUILDER, account).document(
				"{ projects { edges { node { progress { percent } health forecastDate nextMilestone { key } } } } }")
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.hasSize(2));

		assertThat(all).isEqualTo(one);
	}

	@Test
	void aDocumentsVersionsAndDigestCostOneBatchOfVersions() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		attach(staff(BUILDER), project, null, "One.pdf");
		attach(staff(BUILDER), project, null, "Two.pdf");
		String query = "query($id: ID!) { project(id: $id) { documents { %s } } }";
		long versions = fewestStatements(() -> staff(BUILDER).document(query.formatted("versions { number }"))
			.variable("id", project)
			.execute()
			.path("project.documents")
			.entityList(Object.class)
			.hasSize(2));
		long both = fewestStatements(() -> staff(BUILDER).document(query.formatted("versions { number } sha256"))
			.variable("id", project)
			.execute()
			.path("project.documents")
			.entityList(Object.class)
			.hasSize(2));
		assertThat(both).isEqualTo(versions);
	}

	@Test
	void industryViewsCostTheSameForOneProjectAndForThree() {
		for (String tenant : List.of(BUILDER, AGENCY, SAAS)) {
			String template = switch (tenant) {
				case BUILDER -> "custom-home";
				case AGENCY -> "brand-and-website";
				default -> "standard-onboarding";
			};
			String one = newClientAccount(tenant);
			newProject(tenant, one, template);
			String three = newClientAccount(tenant);
			for (int i = 0; i < 3; i++) {
				newProject(tenant, three, template);
			}
			long forOne = fewestStatements(() -> views(tenant, one, 1));
			long forThree = fewestStatements(() -> views(tenant, three, 3));
			assertThat(forThree).as(tenant).isEqualTo(forOne);
		}
	}

	private void views(String tenant, String account, int projects) {
		client(tenant, account)
			.document(
					"""
							{ projects(first: 50) { edges { node {
							  view { headline stage nextStep { key } needsYou { kind title milestone { key } invoice { number } }
							    ... on ConstructionView { inspections { result report { name } milestone { key } } draws { number }
							                              lienWaivers { name } selectionsDue { key } }
							    ... on AgencyView { reviews { round deliverables { name } documents { name } } revisionRounds { remaining } }
							    ... on OnboardingView { readiness goLiveDate checks { name milestone { key } } customerTasks { key } } }
							  baseline { slipDays pushedBy { key } }
							  sinceLastVisit { summary events { __typename } }
							} } } }
							""")
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.hasSize(projects);
	}

	private long statementsFor(String account, int projects) {
		return fewestStatements(() -> client(BUILDER, account).documentName("projectsDeep")
			.variable("first", 100)
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.hasSize(projects)
			.path("projects.edges[0].node.milestones[0].acceptanceCriteria")
			.entityList(Object.class)
			.hasSizeGreaterThan(0)
			.path("projects.edges[0].node.milestones[2].dependsOn")
			.entityList(Object.class)
			.hasSize(1));
	}

}
