package io.portico.project;

import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CLIENT sees its own account's projects, only their client-visible milestones, and
 * progress computed from what it can see; the same lens applies to the activity feed.
 */
class ClientLensTests extends PorticoTest {

	@Test
	void clientSeesOnlyItsAccountsProjects() {
		String mine = newClientAccount(BUILDER);
		String theirs = newClientAccount(BUILDER);
		String myProject = newProject(BUILDER, mine, "custom-home");
		String theirProject = newProject(BUILDER, theirs, "custom-home");
		HttpGraphQlTester client = client(BUILDER, mine);

		client.document("{ projects { edges { node { id client { id } } } } clientAccounts { id } }")
			.execute()
			.path("projects.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(myProject)
			.path("clientAccounts[*].id")
			.entityList(String.class)
			.containsExactly(mine);
		client.documentName("projectMilestones").variable("id", theirProject).execute().path("project").valueIsNull();
	}

	@Test
	void clientSeesOnlyClientVisibleMilestonesAndProgressOfThose() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String sitePrep = milestoneId(staff, project, "site-prep");
		String permits = milestoneId(staff, project, "permits-filed");
		walk(staff, permits, "startMilestone", "completeMilestone");
		walk(staff, sitePrep, "startMilestone", "completeMilestone");

		staff.documentName("projectMilestones")
			.variable("id", project)
			.execute()
			.path("project.progress")
			.entity(Map.class)
			.isEqualTo(Map.of("completed", 2, "total", 8, "percent", 25));

		HttpGraphQlTester client = client(BUILDER, account);
		List<String> keys = client.documentName("projectMilestones")
			.variable("id", project)
			.execute()
			.path("project.progress")
			.entity(Map.class)
			.isEqualTo(Map.of("completed", 1, "total", 7, "percent", 14))
			.path("project.milestones[*].key")
			.entityList(String.class)
			.get();
		assertThat(keys).doesNotContain("site-prep").hasSize(7);
		client.documentName("milestone").variable("id", sitePrep).execute().path("milestone").valueIsNull();
		assertThat(activityKeys(client, project)).contains("permits-filed").doesNotContain("site-prep");
		assertThat(activityKeys(staff, project)).contains("permits-filed", "site-prep");
	}

	@Test
	void clientCannotActOnAMilestoneItCannotSee() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		String sitePrep = milestoneId(staff(BUILDER), project, "site-prep");
		client(BUILDER, account).documentName("startMilestone")
			.variable("id", sitePrep)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_FOUND"));
	}

	@Test
	void projectsArePagedWithCursors() {
		String account = newClientAccount(AGENCY);
		for (int i = 0; i < 5; i++) {
			newProject(AGENCY, account, "brand-and-website");
		}
		HttpGraphQlTester client = client(AGENCY, account);
		String query = "query($after: String) { projects(first: 2, after: $after) { edges { node { id } } "
				+ "pageInfo { hasNextPage endCursor } } }";
		List<String> seen = new java.util.ArrayList<>();
		String after = null;
		boolean more = true;
		while (more) {
			HttpGraphQlTester.Response page = client.document(query).variable("after", after).execute();
			seen.addAll(page.path("projects.edges[*].node.id").entityList(String.class).get());
			more = page.path("projects.pageInfo.hasNextPage").entity(Boolean.class).get();
			after = page.path("projects.pageInfo.endCursor").entity(String.class).get();
		}
		assertThat(seen).hasSize(5).doesNotHaveDuplicates();
	}

	@Test
	void whatHappenedWhileAMilestoneWasInternalStaysHiddenOnceItIsShown() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String sitePrep = milestoneId(staff, project, "site-prep");
		int before = activityKeys(staff, project).stream().filter("site-prep"::equals).toList().size();
		staff.documentName("updateMilestone")
			.variable("input", java.util.Map.of("id", sitePrep, "description", "Soil report: contamination found"))
			.execute()
			.errors()
			.verify();
		staff.documentName("updateMilestone")
			.variable("input", java.util.Map.of("id", sitePrep, "clientVisible", true))
			.execute()
			.errors()
			.verify();

		// Staff see both; the client sees the milestone now, and only what happened since
		// it was shown.
		assertThat(activityKeys(staff, project)).filteredOn("site-prep"::equals).hasSize(before + 2);
		assertThat(activityKeys(client(BUILDER, account), project)).filteredOn("site-prep"::equals).hasSize(1);
	}

	private static List<String> activityKeys(HttpGraphQlTester tester, String project) {
		return tester.documentName("activity")
			.variable("id", project)
			.variable("first", 50)
			.execute()
			.path("project.activity.edges[*].node.milestone.key")
			.entityList(String.class)
			.get();
	}

}
