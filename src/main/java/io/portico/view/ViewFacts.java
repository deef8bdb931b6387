package io.portico.view;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.billing.Invoice;
import io.portico.changeorder.ChangeOrder;
import io.portico.document.Document;
import io.portico.inspection.Inspection;
import io.portico.integration.IntegrationCheck;
import io.portico.milestone.MilestoneDetails.AcceptanceCriterion;
import io.portico.milestone.MilestoneDetails.Deliverable;
import io.portico.milestone.ProjectSchedule;
import io.portico.project.Project;
import io.portico.review.RevisionRounds;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantConfig;

/**
 * Everything one project's view is computed from, as the viewer sees it: read once per
 * request for all the projects asked for, never stored.
 *
 * @param project the project
 * @param viewer who looks
 * @param words the tenant's vocabulary
 * @param today the day in UTC
 * @param schedule its milestones with their forecasts
 * @param criteria acceptance criteria by milestone
 * @param invoices its invoices, in billing order
 * @param changeOrders its change orders, oldest first
 * @param documents its documents
 * @param inspections the current inspection result by inspection milestone
 * @param rounds the revision rounds by review milestone
 * @param deliverables what was handed over, by review milestone
 * @param checks the latest report of each integration check
 */
record ViewFacts(Project project, Viewer viewer, TenantConfig.Vocabulary words, LocalDate today,
		ProjectSchedule schedule, Map<UUID, List<AcceptanceCriterion>> criteria, List<Invoice> invoices,
		List<ChangeOrder> changeOrders, List<Document> documents, Map<UUID, Inspection> inspections,
		Map<UUID, RevisionRounds> rounds, Map<UUID, List<Deliverable>> deliverables, List<IntegrationCheck> checks) {
}
