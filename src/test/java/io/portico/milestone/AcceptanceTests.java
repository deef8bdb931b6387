package io.portico.milestone;

import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance before completion: criteria marked with evidence by whoever does the work,
 * CRITERIA_UNMET until they are met (unless advisory), deliverables handed over, the
 * approval note, and the scope lock that turns scope edits into change orders.
 */
class AcceptanceTests extends PorticoTest {

	private static final String CRITERIA = """
			query($id: ID!) { milestone(id: $id) { version acceptanceCriteria { id text met evidence metBy metAt } } }
			""";

	@Test
	void completionIsRefusedWhileACriterionIsUnmetAndNamesIt() {
		String project = newProjectWithOpenCriteria(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		walk(staff, permits, "startMilestone");

		Map<String, Object> error = errorOf(act(staff, "completeMilestone", permits));
		assertThat(error).containsEntry("code", "CRITERIA_UNMET").containsEntry("classification", "CONFLICT");
		assertThat((List<?>) error.get("unmet")).extracting((unmet) -> (Object) ((Map<?, ?>) unmet).get("text"))
			.containsExactly("Building permit application submitted to the county");
		assertThat(status(staff, permits)).isEqualTo("IN_PROGRESS");

		String criterion = criteria(staff, permits).get(0).get("id").toString();
		staff.document("""
				mutation($id: ID!) { setCriterionMet(id: $id, met: true, evidence: "Receipt 2026-114") {
				  met evidence metBy metAt } }
				""")
			.variable("id", criterion)
			.execute()
			.path("setCriterionMet.met")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("setCriterionMet.evidence")
			.entity(String.class)
			.isEqualTo("Receipt 2026-114")
			.path("setCriterionMet.metBy")
			.entity(String.class)
			.isEqualTo("staff@" + BUILDER)
			.path("setCriterionMet.metAt")
			.hasValue();
		walk(staff, permits, "completeMilestone");

		assertThat(errorOf(staff.document("mutation($id: ID!) { setCriterionMet(id: $id, met: false) { met } }")
			.variable("id", criterion)
			.execute())).containsEntry("code", "INVALID_TRANSITION");
	}

	@Test
	void advisoryCriteriaDoNotHoldCompletionBack() {
		String account = newClientAccount(SAAS);
		String project = newProjectWithOpenCriteria(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		for (String key : List.of("kickoff", "integrations-configured", "data-migration-verified")) {
			String id = milestoneId(staff, project, key);
			meetCriteria(SAAS, id);
			completeMilestone(SAAS, account, id);
		}
		String training = milestoneId(staff, project, "training-scheduled");
		walk(staff, training, "startMilestone", "completeMilestone");
		assertThat(criteria(staff, training)).allSatisfy((c) -> assertThat(c).containsEntry("met", false));
	}

	@Test
	void aClientMarksAndHandsOverOnlyWhatItsOwnTeamOwns() {
		String account = newClientAccount(SAAS);
		String project = newProjectWithOpenCriteria(SAAS, account, "standard-onboarding");
		HttpGraphQlTester client = client(SAAS, account);
		String migration = milestoneId(client, project, "data-migration-verified");
		String kickoff = milestoneId(client, project, "kickoff");

		String own = criteria(client, migration).get(0).get("id").toString();
		client.document(
				"mutation($id: ID!) { setCriterionMet(id: $id, met: true, evidence: \"Reconciled\") { met metBy } }")
			.variable("id", own)
			.execute()
			.path("setCriterionMet.metBy")
			.entity(String.class)
			.isEqualTo("user@" + account);
		String theirs = criteria(client, kickoff).get(0).get("id").toString();
		assertThat(errorOf(client.document("mutation($id: ID!) { setCriterionMet(id: $id, met: true) { met } }")
			.variable("id", theirs)
			.execute())).containsEntry("code", "NOT_PERMITTED");
		assertThat(criteria(staff(SAAS), kickoff).get(0)).containsEntry("met", false);

		client.document("""
				mutation($id: ID!) { submitDeliverable(input: {
				  milestoneId: $id, name: "Reconciliation workbook", url: "https://files.example/recon.xlsx" }) {
				  name url submittedBy } }
				""")
			.variable("id", migration)
			.execute()
			.path("submitDeliverable.submittedBy")
			.entity(String.class)
			.isEqualTo("user@" + account);
		assertThat(errorOf(client.document("""
				mutation($id: ID!) { submitDeliverable(input: { milestoneId: $id, name: "Not mine" }) { name } }
				""").variable("id", kickoff).execute())).containsEntry("code", "NOT_PERMITTED");
		assertThat(errorOf(staff(SAAS)
			.document(
					"""
							mutation($id: ID!) { submitDeliverable(input: { milestoneId: $id, name: "Bad", url: "ftp://x" }) { name } }
							""")
			.variable("id", kickoff)
			.execute())).containsEntry("code", "INVALID_URL");

		List<Map<String, Object>> events = client.document("""
				query($id: ID!) { project(id: $id) { activity { edges { node {
				  __typename ... on DeliverableSubmitted { milestone { key } deliverable { name } } } } } } }
				""")
			.variable("id", project)
			.execute()
			.path("project.activity.edges[*].node")
			.entityList(MilestoneWorkflowTests.MAP)
			.get();
		assertThat(events.get(0)).containsEntry("__typename", "DeliverableSubmitted")
			.containsEntry("milestone", Map.of("key", "data-migration-verified"))
			.containsEntry("deliverable", Map.of("name", "Reconciliation workbook"));

		// What is handed over for internal work stays internal.
		staff(SAAS)
			.document("mutation($id: ID!) { submitDeliverable(input: {milestoneId: $id, name: \"Run diff\"}) { id } }")
			.variable("id", milestoneId(staff(SAAS), project, "parallel-run-review"))
			.execute()
			.path("submitDeliverable.id")
			.hasValue();
		client
			.document("query($id: ID!) { project(id: $id) { activity { edges { node { "
					+ "... on DeliverableSubmitted { deliverable { name } } } } } } }")
			.variable("id", project)
			.execute()
			.path("project.activity.edges[*].node.deliverable.name")
			.entityList(String.class)
			.containsExactly("Reconciliation workbook");
	}

	@Test
	void aCompletedMilestoneLeavesAnApprovalNote() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		String kickoff = milestoneId(staff, project, "kickoff");
		String readout = milestoneId(staff, project, "discovery-readout");
		completeMilestone(AGENCY, account, kickoff);
		walk(staff, readout, "startMilestone");
		staff
			.document(
					"mutation($id: ID!) { submitDeliverable(input: {milestoneId: $id, name: \"Audit deck\"}) { id } }")
			.variable("id", readout)
			.execute()
			.path("submitDeliverable.id")
			.hasValue();
		String note = "query($id: ID!) { milestone(id: $id) { approvalNote { milestone dateCompleted deliverables "
				+ "approvedBy approverRole status nextMilestone text } } }";
		staff.document(note).variable("id", readout).execute().path("milestone.approvalNote").valueIsNull();

		completeMilestone(AGENCY, account, readout);

		// The client sees the note too; its next milestone is the next one it may see,
		// past the internal concept review.
		Map<String, Object> approval = client(AGENCY, account).document(note)
			.variable("id", readout)
			.execute()
			.path("milestone.approvalNote")
			.entity(MilestoneWorkflowTests.MAP)
			.get();
		assertThat(approval).containsEntry("milestone", "Discovery readout accepted")
			.containsEntry("deliverables", List.of("Audit deck"))
			.containsEntry("approvedBy", "user@" + account)
			.containsEntry("approverRole", "CLIENT")
			.containsEntry("status", "COMPLETED")
			.containsEntry("nextMilestone", "Concept approved");
		assertThat((String) approval.get("text")).contains("Milestone: Discovery readout accepted")
			.contains("Deliverables: Audit deck")
			.contains("Approved by: user@" + account + " (CLIENT)")
			.contains("Next: Concept approved");
	}

	@Test
	void onceScopeIsLockedScopeEditsTakeAChangeOrder() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		String finalAssets = milestoneId(staff, project, "final-assets");
		staff.document(
				"mutation($id: ID!) { addAcceptanceCriterion(milestoneId: $id, text: \"Favicon set\") { text met } }")
			.variable("id", finalAssets)
			.execute()
			.path("addAcceptanceCriterion.met")
			.entity(Boolean.class)
			.isEqualTo(false);
		assertThat(errorOf(client(AGENCY, account)
			.document("mutation($id: ID!) { addAcceptanceCriterion(milestoneId: $id, text: \"Mine\") { id } }")
			.variable("id", finalAssets)
			.execute())).containsEntry("code", "NOT_PERMITTED");

		meetAllCriteria(AGENCY, project);
		for (String key : List.of("kickoff", "discovery-readout", "internal-concept-review", "concept-approval")) {
			completeMilestone(AGENCY, account, milestoneId(staff, project, key));
		}
		client(AGENCY, account).document("query($id: ID!) { project(id: $id) { scopeLocked scopeLockedAt } }")
			.variable("id", project)
			.execute()
			.path("project.scopeLocked")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("project.scopeLockedAt")
			.hasValue();

		Map<String, Object> refused = errorOf(staff
			.document("mutation($id: ID!) { addAcceptanceCriterion(milestoneId: $id, text: \"Extra page\") { id } }")
			.variable("id", finalAssets)
			.execute());
		assertThat(refused).containsEntry("code", "SCOPE_LOCKED").containsEntry("use", "proposeChangeOrder");
		assertThat(errorOf(staff.documentName("updateMilestone")
			.variable("input", Map.of("id", finalAssets, "name", "Final assets and a microsite"))
			.execute())).containsEntry("code", "SCOPE_LOCKED");
		staff.documentName("updateMilestone")
			.variable("input", Map.of("id", finalAssets, "ownerTeam", "design"))
			.execute()
			.path("updateMilestone.ownerTeam")
			.entity(String.class)
			.isEqualTo("design");
		assertThat(criteria(staff, finalAssets)).extracting((c) -> c.get("text")).doesNotContain("Extra page");
	}

	private static List<Map<String, Object>> criteria(HttpGraphQlTester tester, String milestoneId) {
		return tester.document(CRITERIA)
			.variable("id", milestoneId)
			.execute()
			.path("milestone.acceptanceCriteria")
			.entityList(MilestoneWorkflowTests.MAP)
			.get();
	}

	private static String status(HttpGraphQlTester tester, String milestoneId) {
		return tester.document("query($id: ID!) { milestone(id: $id) { status } }")
			.variable("id", milestoneId)
			.execute()
			.path("milestone.status")
			.entity(String.class)
			.get();
	}

}
