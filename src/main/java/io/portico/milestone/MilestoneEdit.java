package io.portico.milestone;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Validated changes to a milestone's plan; {@code null} leaves a field as it is.
 */
record MilestoneEdit(@Nullable String name, @Nullable String description, @Nullable LocalDate dueDate,
		@Nullable String ownerTeam, @Nullable Boolean clientVisible) {

	boolean isEmpty() {
		return this.name == null && this.description == null && this.dueDate == null && this.ownerTeam == null
				&& this.clientVisible == null;
	}

}
