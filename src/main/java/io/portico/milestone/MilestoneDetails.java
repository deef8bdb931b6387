package io.portico.milestone;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.shared.Role;
import org.jspecify.annotations.Nullable;

/** The records that hang off a milestone, each loaded in batches. */
public final class MilestoneDetails {

	private MilestoneDetails() {
	}

	public record AcceptanceCriterion(UUID id, UUID milestoneId, String text, boolean met) {
	}

	public record Deliverable(UUID id, UUID milestoneId, String name, @Nullable String url,
			@Nullable OffsetDateTime submittedAt) {
	}

	/** Who approved a milestone, in which role, when, with what note. */
	public record SignOff(UUID milestoneId, String by, Role role, OffsetDateTime at, @Nullable String note) {
	}

}
