package io.portico.milestone;

import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent writers are ordered by the database: two approvals racing for one milestone
 * give one sign-off and one event; the loser is told the milestone already moved on.
 */
class ConcurrentApprovalTests extends PorticoTest {

	@RepeatedTest(3)
	void twoConcurrentApprovalsGiveOneSignOffAndOneEvent() throws Exception {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		walk(staff, permits, "startMilestone", "completeMilestone");
		// site-prep (internal, no approval) then foundation-poured, which staff approve
		String sitePrep = milestoneId(staff, project, "site-prep");
		walk(staff, sitePrep, "startMilestone", "completeMilestone");
		String foundation = milestoneId(staff, project, "foundation-poured");
		walk(staff, foundation, "startMilestone", "submitMilestone");

		List<List<Map<String, Object>>> outcomes = approveAtOnce(List.of(staff(BUILDER), admin(BUILDER)), foundation);
		assertThat(outcomes).filteredOn(List::isEmpty).hasSize(1);
		assertThat(outcomes).filteredOn((errors) -> !errors.isEmpty())
			.singleElement()
			.satisfies((errors) -> assertThat(errors.get(0)).containsEntry("code", "INVALID_TRANSITION")
				.containsEntry("status", "COMPLETED"));

		List<String> approvals = staff.documentName("activity")
			.variable("id", project)
			.variable("first", 100)
			.execute()
			.path("project.activity.edges[*].node")
			.entityList(MilestoneWorkflowTests.MAP)
			.get()
			.stream()
			.filter((e) -> "COMPLETED".equals(e.get("status")) && "AWAITING_APPROVAL".equals(e.get("previousStatus")))
			.map((e) -> (String) e.get("actor"))
			.toList();
		assertThat(approvals).hasSize(1);
		staff.documentName("milestone")
			.variable("id", foundation)
			.execute()
			.path("milestone.signOff.by")
			.entity(String.class)
			.isEqualTo(approvals.get(0));
	}

}
