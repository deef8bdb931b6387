package io.portico.milestone;

import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The milestone workflow end to end, over HTTP, as staff and clients of real tenants.
 */
class MilestoneWorkflowTests extends PorticoTest {

	@Test
	void milestoneWalksFromPlannedToCompletedWithClientSignOff() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		HttpGraphQlTester client = client(AGENCY, account);
		String kickoff = milestoneId(staff, project, "kickoff");
		String readout = milestoneId(staff, project, "discovery-readout");

		act(staff, "startMilestone", kickoff).path("startMilestone.status")
			.entity(String.class)
			.isEqualTo("IN_PROGRESS");
		act(staff, "completeMilestone", kickoff).path("completeMilestone.status")
			.entity(String.class)
			.isEqualTo("COMPLETED");
		// Versions 2 and 3 were its two acceptance criteria being met.
		act(staff, "startMilestone", readout).path("startMilestone.version").entity(Integer.class).isEqualTo(4);
		act(staff, "submitMilestone", readout).path("submitMilestone.status")
			.entity(String.class)
			.isEqualTo("AWAITING_APPROVAL");
		client.documentName("requestChanges")
			.variable("id", readout)
			.variable("reason", "Add the competitor in Lisbon")
			.execute()
			.path("requestChanges.status")
			.entity(String.class)
			.isEqualTo("CHANGES_REQUESTED");
		act(staff, "submitMilestone", readout).path("submitMilestone.status")
			.entity(String.class)
			.isEqualTo("AWAITING_APPROVAL");
		client.documentName("approveMilestone")
			.variable("id", readout)
			.variable("note", "Great work")
			.execute()
			.path("approveMilestone.status")
			.entity(String.class)
			.isEqualTo("COMPLETED")
			.path("approveMilestone.signOff.by")
			.entity(String.class)
			.isEqualTo("user@" + account)
			.path("approveMilestone.signOff.role")
			.entity(String.class)
			.isEqualTo("CLIENT")
			.path("approveMilestone.signOff.note")
			.entity(String.class)
			.isEqualTo("Great work");

		staff.documentName("milestone")
			.variable("id", readout)
			.execute()
			.path("milestone.completedAt")
			.hasValue()
			.path("milestone.signOff.at")
			.hasValue()
			.path("milestone.allowedActions")
			.entityList(String.class)
			.hasSize(0);
		staff.documentName("projectMilestones")
			.variable("id", project)
			.execute()
			.path("project.progress.completed")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("project.nextMilestone.key")
			.entity(String.class)
			.isEqualTo("internal-concept-review");
	}

	@Test
	void everyChangeIsInTheActivityFeedNewestFirst() {
		String account = newClientAccount(BUILDER);
		String project = newProjectWithOpenCriteria(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		meetCriteria(BUILDER, permits);
		walk(staff, permits, "startMilestone", "completeMilestone");

		List<Map<String, Object>> events = staff.documentName("activity")
			.variable("id", project)
			.variable("first", 10)
			.execute()
			.path("project.activity.edges[*].node")
			.entityList(MAP)
			.hasSize(4)
			.get();
		assertThat(events).extracting((e) -> e.get("__typename"))
			.containsExactly("MilestoneChanged", "MilestoneChanged", "MilestoneChanged", "ProjectCreated");
		assertThat(events.get(2)).containsEntry("status", "PLANNED")
			.containsEntry("note", "Criterion met: Building permit application submitted to the county");
		assertThat(events.get(0)).containsEntry("previousStatus", "IN_PROGRESS")
			.containsEntry("status", "COMPLETED")
			.containsEntry("actor", "staff@" + BUILDER);

		String cursor = staff.documentName("activity")
			.variable("id", project)
			.variable("first", 1)
			.execute()
			.path("project.activity.pageInfo.hasNextPage")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("project.activity.pageInfo.endCursor")
			.entity(String.class)
			.get();
		staff.documentName("activity")
			.variable("id", project)
			.variable("first", 5)
			.variable("after", cursor)
			.execute()
			.path("project.activity.edges[*].node.__typename")
			.entityList(String.class)
			.containsExactly("MilestoneChanged", "MilestoneChanged", "ProjectCreated");
	}

	@Test
	void refusedTransitionNamesTheStatusAndTheAllowedActions() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");

		act(staff, "completeMilestone", permits).errors().satisfy((errors) -> {
			assertThat(errors).hasSize(1);
			assertThat(errors.get(0).getExtensions()).containsEntry("code", "INVALID_TRANSITION")
				.containsEntry("classification", "CONFLICT")
				.containsEntry("status", "PLANNED")
				.containsEntry("allowedActions", List.of("START", "EDIT"));
		});
		walk(staff, permits, "startMilestone");
		act(staff, "submitMilestone", permits).errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "INVALID_TRANSITION")
				.containsEntry("status", "IN_PROGRESS")
				.containsEntry("allowedActions", List.of("COMPLETE", "EDIT")));
		walk(staff, permits, "completeMilestone");
		act(staff, "startMilestone", permits).errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "INVALID_TRANSITION")
				.containsEntry("status", "COMPLETED")
				.containsEntry("allowedActions", List.of()));
	}

	@Test
	void milestoneCannotStartWhileADependencyIsIncomplete() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String foundation = milestoneId(staff, project, "foundation-poured");

		act(staff, "startMilestone", foundation).errors().satisfy((errors) -> {
			Map<String, Object> extensions = errors.get(0).getExtensions();
			assertThat(extensions).containsEntry("code", "DEPENDENCY_INCOMPLETE");
			assertThat(extensions.get("dependency")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("name", "Site prepared")
				.containsEntry("status", "PLANNED");
		});
		staff.documentName("milestone")
			.variable("id", foundation)
			.execute()
			.path("milestone.status")
			.entity(String.class)
			.isEqualTo("PLANNED");
	}

	@Test
	void clientFinishesItsOwnWorkButWaitsForInternalDependencies() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		HttpGraphQlTester client = client(SAAS, account);
		String migration = milestoneId(staff, project, "data-migration-verified");

		act(client, "startMilestone", migration).errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code",
					"DEPENDENCY_INCOMPLETE"));

		String kickoff = milestoneId(staff, project, "kickoff");
		String integrations = milestoneId(staff, project, "integrations-configured");
		walk(staff, kickoff, "startMilestone", "completeMilestone");
		walk(staff, integrations, "startMilestone", "submitMilestone");
		passRequiredChecks(staff, integrations);
		act(client, "approveMilestone", integrations).errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_PERMITTED")
				.containsEntry("classification", "FORBIDDEN"));
		act(staff, "approveMilestone", integrations).path("approveMilestone.signOff.role")
			.entity(String.class)
			.isEqualTo("STAFF");

		act(client, "startMilestone", migration).path("startMilestone.status")
			.entity(String.class)
			.isEqualTo("IN_PROGRESS");
		act(client, "completeMilestone", migration).path("completeMilestone.status")
			.entity(String.class)
			.isEqualTo("COMPLETED");
	}

	@Test
	void aClientWaitingOnInternalWorkLearnsNothingAboutIt() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		String integrations = milestoneId(staff, project, "integrations-configured");
		staff.documentName("updateMilestone")
			.variable("input", Map.of("id", integrations, "clientVisible", false))
			.execute()
			.path("updateMilestone.clientVisible")
			.entity(Boolean.class)
			.isEqualTo(false);
		String migration = milestoneId(staff, project, "data-migration-verified");

		Map<String, Object> refusal = errorOf(act(client(SAAS, account), "startMilestone", migration));
		assertThat(refusal).containsEntry("code", "DEPENDENCY_INCOMPLETE")
			.containsEntry("waitingOnTeam", true)
			.containsEntry("incomplete", List.of())
			.doesNotContainKey("dependency");
		assertThat(refusal.toString()).doesNotContain(integrations).doesNotContain("Integrations configured");
		assertThat(errorOf(act(staff, "startMilestone", migration))).containsEntry("incomplete",
				List.of("Integrations configured"));
	}

	@Test
	void clientsCannotStartEditOrCompleteStaffWork() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester client = client(BUILDER, account);
		String permits = milestoneId(staff(BUILDER), project, "permits-filed");

		act(client, "startMilestone", permits).errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_PERMITTED"));
		client.documentName("updateMilestone")
			.variable("input", Map.of("id", permits, "name", "Renamed by client"))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_PERMITTED"));
		walk(staff(BUILDER), permits, "startMilestone");
		act(client, "completeMilestone", permits).errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_PERMITTED"));
		staff(BUILDER).documentName("milestone")
			.variable("id", permits)
			.execute()
			.path("milestone.status")
			.entity(String.class)
			.isEqualTo("IN_PROGRESS")
			.path("milestone.name")
			.entity(String.class)
			.isEqualTo("Permits filed");
	}

	@Test
	void staffCannotApproveWhatTheClientMustApprove() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		String kickoff = milestoneId(staff, project, "kickoff");
		String readout = milestoneId(staff, project, "discovery-readout");
		walk(staff, kickoff, "startMilestone", "completeMilestone");
		walk(staff, readout, "startMilestone", "submitMilestone");

		act(admin(AGENCY), "approveMilestone", readout).errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_PERMITTED"));
		staff.documentName("milestone")
			.variable("id", readout)
			.execute()
			.path("milestone.status")
			.entity(String.class)
			.isEqualTo("AWAITING_APPROVAL")
			.path("milestone.signOff")
			.valueIsNull();
	}

	@Test
	void staleExpectedVersionIsAConflictAndChangesNothing() {
		String account = newClientAccount(BUILDER);
		String project = newProjectWithOpenCriteria(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");

		staff.documentName("updateMilestone")
			.variable("input", Map.of("id", permits, "expectedVersion", 1, "description", "County portal"))
			.execute()
			.path("updateMilestone.version")
			.entity(Integer.class)
			.isEqualTo(2);
		staff.documentName("startMilestone")
			.variable("id", permits)
			.variable("expectedVersion", 1)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "VERSION_CONFLICT")
				.containsEntry("expectedVersion", 1)
				.containsEntry("currentVersion", 2));
		staff.documentName("milestone")
			.variable("id", permits)
			.execute()
			.path("milestone.status")
			.entity(String.class)
			.isEqualTo("PLANNED");
	}

	@Test
	void completedMilestonesAreFinal() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		walk(staff, permits, "startMilestone", "completeMilestone");

		staff.documentName("updateMilestone")
			.variable("input", Map.of("id", permits, "name", "Rewritten"))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "INVALID_TRANSITION"));
	}

	static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP = new org.springframework.core.ParameterizedTypeReference<>() {
	};

}
