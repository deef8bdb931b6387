/**
 * Industry views: what a portal shows first, computed per request from the same
 * milestones, invoices, change orders, documents, inspections, review rounds and checks
 * as everything else (no second model that could drift), through the viewer's lens; and
 * what changed for a person since their last visit.
 *
 * <pre>
 * Project.view ─► ViewLoader: each feature's service, one batch for all projects
 *                   (schedules, criteria, invoices, change orders, documents,
 *                    + inspections | review rounds, deliverables | checks by industry)
 *              ─► ViewFacts per project ─► Views (headline, stage, views' lists)
 *                                         ─► NeedsYou (what waits on this viewer)
 *
 * portal leaves a project ─► markVisited ─► visit (subject, time, log position)
 * portal opens it again  ─► Project.sinceLastVisit
 *                             visit ─► EventLog.sinceEach (client lens) ─► ChangeSummary
 * </pre>
 */
@NullMarked
package io.portico.view;

import org.jspecify.annotations.NullMarked;
