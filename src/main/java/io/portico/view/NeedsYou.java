package io.portico.view;

import java.util.ArrayList;
import java.util.List;

import io.portico.billing.Invoice;
import io.portico.changeorder.ChangeOrder;
import io.portico.inspection.Inspection;
import io.portico.inspection.InspectionResult;
import io.portico.integration.CheckStatus;
import io.portico.integration.IntegrationCheck;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneDetails.AcceptanceCriterion;
import io.portico.milestone.MilestoneStatus;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.ApprovalMode;
import org.jspecify.annotations.Nullable;

/**
 * What waits on the viewer, in the project's order: for a client, its approvals, the
 * tasks and criteria its account owns, change orders to decide and invoices to pay; for
 * staff, what waits on their teams (an ADMIN's teams are all of them): approvals, work,
 * failed inspections to redo, failing checks, overdue invoices.
 */
final class NeedsYou {

	private NeedsYou() {
	}

	static List<ActionItem> of(ViewFacts facts) {
		Viewer viewer = facts.viewer();
		List<ActionItem> items = new ArrayList<>();
		Milestone next = facts.schedule().nextMilestone();
		for (Milestone milestone : facts.schedule().milestones()) {
			if (milestone.completed()) {
				continue;
			}
			if (approves(viewer, milestone) && milestone.status() == MilestoneStatus.AWAITING_APPROVAL) {
				items.add(ActionItem.about(ActionItem.APPROVE_MILESTONE, "Approve '" + milestone.name() + "'",
						milestone));
			}
			if (works(viewer, milestone)) {
				work(facts, milestone, milestone.equals(next), items);
			}
			if (!viewer.isClient() && works(viewer, milestone)) {
				Inspection inspection = facts.inspections().get(milestone.id());
				if (inspection != null && inspection.result() == InspectionResult.FAILED) {
					items.add(ActionItem.about(ActionItem.RECORD_INSPECTION,
							"Book a re-inspection of '" + milestone.name() + "'", milestone));
				}
			}
		}
		if (viewer.isClient()) {
			for (ChangeOrder order : facts.changeOrders()) {
				if (order.status() == ChangeOrder.ChangeOrderStatus.PROPOSED) {
					items.add(new ActionItem(ActionItem.DECIDE_CHANGE_ORDER,
							"Decide on change order '" + order.title() + "'", null, order, null, null,
							order.createdAt()));
				}
			}
		}
		else {
			for (IntegrationCheck check : facts.checks()) {
				if (check.status() == CheckStatus.FAILING && ownsCheck(facts, viewer, check)) {
					items.add(new ActionItem(ActionItem.FIX_CHECK, "Fix the failing check '" + check.name() + "'",
							milestoneOf(facts, check), null, null, null, check.checkedAt()));
				}
			}
		}
		for (Invoice invoice : facts.invoices()) {
			if (invoice.status() != Invoice.InvoiceStatus.ISSUED) {
				continue;
			}
			if (viewer.isClient()) {
				items.add(new ActionItem(ActionItem.PAY_INVOICE, "Pay invoice " + invoice.number(), null, null, invoice,
						invoice.dueDate(), invoice.issuedAt()));
			}
			else if (invoice.dueDate() != null && invoice.dueDate().isBefore(facts.today())) {
				items.add(new ActionItem(ActionItem.CHASE_PAYMENT, "Invoice " + invoice.number() + " is overdue", null,
						null, invoice, invoice.dueDate(), invoice.issuedAt()));
			}
		}
		return items;
	}

	/** The milestone's own work, when it is the viewer's to do. */
	private static void work(ViewFacts facts, Milestone milestone, boolean next, List<ActionItem> items) {
		switch (milestone.status()) {
			case CHANGES_REQUESTED -> items.add(ActionItem.about(ActionItem.ADDRESS_CHANGES,
					"Make the changes asked for in '" + milestone.name() + "'", milestone));
			case IN_PROGRESS ->
				items.add(ActionItem.about(ActionItem.DO_TASK, "Finish '" + milestone.name() + "'", milestone));
			case PLANNED -> {
				if (next) {
					items.add(ActionItem.about(ActionItem.DO_TASK, "Start '" + milestone.name() + "'", milestone));
				}
			}
			default -> {
			}
		}
		if (facts.viewer().isClient()) {
			for (AcceptanceCriterion criterion : facts.criteria().getOrDefault(milestone.id(), List.of())) {
				if (!criterion.met()) {
					items.add(ActionItem.about(ActionItem.MEET_CRITERION, criterion.text(), milestone));
				}
			}
		}
	}

	private static boolean approves(Viewer viewer, Milestone milestone) {
		if (milestone.approval() == ApprovalMode.CLIENT) {
			return viewer.isClient();
		}
		return milestone.approval() == ApprovalMode.STAFF && viewer.role().isStaff()
				&& (viewer.role() == Role.ADMIN || viewer.teams().contains(milestone.ownerTeam()));
	}

	/** Whether the milestone's work is the viewer's: the client's own, or a team's. */
	private static boolean works(Viewer viewer, Milestone milestone) {
		if (viewer.isClient()) {
			return milestone.clientOwned();
		}
		return !milestone.clientOwned()
				&& (viewer.role() == Role.ADMIN || viewer.teams().contains(milestone.ownerTeam()));
	}

	private static boolean ownsCheck(ViewFacts facts, Viewer viewer, IntegrationCheck check) {
		Milestone milestone = milestoneOf(facts, check);
		return (milestone != null) ? works(viewer, milestone) : viewer.role().isStaff();
	}

	private static @Nullable Milestone milestoneOf(ViewFacts facts, IntegrationCheck check) {
		if (check.milestoneId() == null) {
			return null;
		}
		return facts.schedule()
			.milestones()
			.stream()
			.filter((m) -> m.id().equals(check.milestoneId()))
			.findFirst()
			.orElse(null);
	}

}
