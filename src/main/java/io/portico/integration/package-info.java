/**
 * Integration checks (SaaS onboarding): reports of how each check of a project stands,
 * from staff or from an integration's own service token (role INTEGRATION, allowed this
 * one mutation and nothing else). The latest report of a check is its status; a milestone
 * whose template requires checks completes only while they pass.
 *
 * <pre>
 * recordIntegrationCheck ─► hold the project's checks ─► report + IntegrationCheckRecorded
 * approve/complete ─► RequiredChecksGuard ─► hold, read the latest ─ not all PASSING ─► CHECKS_NOT_PASSING
 * </pre>
 */
@NullMarked
package io.portico.integration;

import org.jspecify.annotations.NullMarked;
