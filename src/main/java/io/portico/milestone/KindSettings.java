package io.portico.milestone;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a milestone's kind needs, copied from its template when the project was created,
 * and the count the review rule reads.
 *
 * @param milestoneId the milestone
 * @param authority who inspects it (inspections)
 * @param includedRounds the revision rounds included (reviews)
 * @param changesRequested how many times its approver asked for changes
 * @param requiredChecks the integration checks that must pass before it completes
 */
public record KindSettings(UUID milestoneId, @Nullable String authority, @Nullable Integer includedRounds,
		int changesRequested, List<String> requiredChecks) {
}
