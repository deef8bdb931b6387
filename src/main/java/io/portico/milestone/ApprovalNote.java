package io.portico.milestone;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import io.portico.milestone.MilestoneDetails.Deliverable;
import io.portico.milestone.MilestoneDetails.SignOff;
import io.portico.shared.Role;
import org.jspecify.annotations.Nullable;

/**
 * The note a completed milestone leaves behind: what was completed when, with what,
 * approved by whom, and what comes next; {@link #text()} says the same in a few lines.
 *
 * @param milestone its name
 * @param dateCompleted the day it completed (UTC)
 * @param deliverables the names of what was handed over
 * @param approvedBy who signed it off, if it needed approval
 * @param approverRole in which role
 * @param status its status (completed)
 * @param nextMilestone the next milestone the viewer may see, if any
 */
public record ApprovalNote(String milestone, LocalDate dateCompleted, List<String> deliverables,
		@Nullable String approvedBy, @Nullable Role approverRole, MilestoneStatus status,
		@Nullable String nextMilestone) {

	/** The note of a completed milestone, or {@code null} before it completes. */
	static @Nullable ApprovalNote of(Milestone milestone, List<Deliverable> deliverables, @Nullable SignOff signOff,
			@Nullable Milestone next) {
		if (milestone.completedAt() == null) {
			return null;
		}
		return new ApprovalNote(milestone.name(),
				milestone.completedAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate(),
				deliverables.stream().map(Deliverable::name).toList(), (signOff != null) ? signOff.by() : null,
				(signOff != null) ? signOff.role() : null, milestone.status(), (next != null) ? next.name() : null);
	}

	public String text() {
		StringBuilder text = new StringBuilder();
		text.append("Milestone: ").append(this.milestone).append('\n');
		text.append("Completed: ").append(this.dateCompleted).append('\n');
		text.append("Deliverables: ")
			.append(this.deliverables.isEmpty() ? "none" : String.join(", ", this.deliverables))
			.append('\n');
		text.append("Approved by: ")
			.append((this.approvedBy != null) ? this.approvedBy + " (" + this.approverRole + ")" : "no approval needed")
			.append('\n');
		text.append("Status: ").append(this.status).append('\n');
		text.append("Next: ").append(Objects.requireNonNullElse(this.nextMilestone, "none, this was the last"));
		return text.toString();
	}

}
