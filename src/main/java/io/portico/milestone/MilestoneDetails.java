package io.portico.milestone;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.shared.Role;
import org.jspecify.annotations.Nullable;

/** The records that hang off a milestone, each loaded in batches. */
public final class MilestoneDetails {

	private MilestoneDetails() {
	}

	/**
	 * A condition a milestone must meet, and who last marked it met with what evidence.
	 */
	public record AcceptanceCriterion(UUID id, UUID milestoneId, String text, boolean met, @Nullable String evidence,
			@Nullable UUID documentId, @Nullable String metBy, @Nullable OffsetDateTime metAt) {

		static AcceptanceCriterion unmet(UUID milestoneId, String text) {
			return new AcceptanceCriterion(UUID.randomUUID(), milestoneId, text, false, null, null, null, null);
		}

	}

	/** Something handed over for a milestone: a link, a document, or both. */
	public record Deliverable(UUID id, UUID milestoneId, String name, @Nullable String url, @Nullable UUID documentId,
			@Nullable OffsetDateTime submittedAt, @Nullable String submittedBy) {
	}

	/** Who approved a milestone, in which role, when, with what note. */
	public record SignOff(UUID milestoneId, String by, Role role, OffsetDateTime at, @Nullable String note) {
	}

}
