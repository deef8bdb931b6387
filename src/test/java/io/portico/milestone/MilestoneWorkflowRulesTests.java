package io.portico.milestone;

import java.util.List;
import java.util.UUID;

import io.portico.shared.PorticoException;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.ApprovalMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The transition table and who may take each transition, without a database. */
class MilestoneWorkflowRulesTests {

	private static final Viewer STAFF = new Viewer(UUID.randomUUID(), "t", "s", null, Role.STAFF, null, List.of());

	private static final Viewer CLIENT = new Viewer(STAFF.tenantId(), "t", "c", null, Role.CLIENT, "acct", List.of());

	@ParameterizedTest
	@CsvSource({ "START, PLANNED, NONE, IN_PROGRESS", "COMPLETE, IN_PROGRESS, NONE, COMPLETED",
			"SUBMIT, IN_PROGRESS, STAFF, AWAITING_APPROVAL", "SUBMIT, CHANGES_REQUESTED, CLIENT, AWAITING_APPROVAL",
			"APPROVE, AWAITING_APPROVAL, STAFF, COMPLETED",
			"REQUEST_CHANGES, AWAITING_APPROVAL, STAFF, CHANGES_REQUESTED", "EDIT, IN_PROGRESS, CLIENT, IN_PROGRESS" })
	void staffTransitions(MilestoneAction action, MilestoneStatus from, ApprovalMode approval, MilestoneStatus to) {
		assertThat(MilestoneWorkflow.next(action, milestone(from, approval, "site"), STAFF)).isEqualTo(to);
	}

	@ParameterizedTest
	@CsvSource({ "COMPLETE, IN_PROGRESS, STAFF", "SUBMIT, IN_PROGRESS, NONE", "START, IN_PROGRESS, NONE",
			"APPROVE, IN_PROGRESS, STAFF", "REQUEST_CHANGES, CHANGES_REQUESTED, STAFF", "EDIT, COMPLETED, NONE",
			"START, COMPLETED, NONE" })
	void invalidTransitionsAreConflicts(MilestoneAction action, MilestoneStatus from, ApprovalMode approval) {
		assertThatExceptionOfType(PorticoException.Conflict.class)
			.isThrownBy(() -> MilestoneWorkflow.next(action, milestone(from, approval, "site"), STAFF))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("INVALID_TRANSITION"));
	}

	@Test
	void onlyTheApprovalModesSideApproves() {
		Milestone clientApproves = milestone(MilestoneStatus.AWAITING_APPROVAL, ApprovalMode.CLIENT, "design");
		Milestone staffApproves = milestone(MilestoneStatus.AWAITING_APPROVAL, ApprovalMode.STAFF, "design");
		assertThat(MilestoneWorkflow.allowed(clientApproves, CLIENT)).containsExactly(MilestoneAction.APPROVE,
				MilestoneAction.REQUEST_CHANGES);
		assertThat(MilestoneWorkflow.allowed(clientApproves, STAFF)).containsExactly(MilestoneAction.EDIT);
		assertThat(MilestoneWorkflow.allowed(staffApproves, CLIENT)).isEmpty();
		assertThatExceptionOfType(PorticoException.Forbidden.class)
			.isThrownBy(() -> MilestoneWorkflow.next(MilestoneAction.APPROVE, clientApproves, STAFF));
	}

	@Test
	void clientsDoOnlyTheirOwnWork() {
		Milestone clientWork = milestone(MilestoneStatus.PLANNED, ApprovalMode.NONE, Milestone.CLIENT_TEAM);
		Milestone staffWork = milestone(MilestoneStatus.PLANNED, ApprovalMode.NONE, "site");
		assertThat(MilestoneWorkflow.next(MilestoneAction.START, clientWork, CLIENT))
			.isEqualTo(MilestoneStatus.IN_PROGRESS);
		assertThat(MilestoneWorkflow.allowed(staffWork, CLIENT)).isEmpty();
		assertThat(MilestoneWorkflow.allowed(clientWork, CLIENT)).containsExactly(MilestoneAction.START);
	}

	static Milestone milestone(MilestoneStatus status, ApprovalMode approval, String team) {
		return new Milestone(UUID.randomUUID(), UUID.randomUUID(), "k", "Name", null, 1, null, status, approval, null,
				null, null, team, true, false, 1, null, null);
	}

}
