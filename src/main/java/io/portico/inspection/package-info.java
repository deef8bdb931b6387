/**
 * Inspections (construction): results recorded by staff for inspection milestones, append
 * only, the latest being the milestone's result. A failed one keeps its milestone from
 * completing; the report follows the document rules.
 *
 * <pre>
 * recordInspection ─► lock the milestone ─► inspection row + InspectionRecorded (one transaction)
 * approve/complete ─► MilestoneWorkflow ─► FailedInspectionGuard ─ latest FAILED ─► INSPECTION_FAILED
 * </pre>
 */
@NullMarked
package io.portico.inspection;

import org.jspecify.annotations.NullMarked;
