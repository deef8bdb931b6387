package io.portico.milestone;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A milestone's plan against where it stands: planned (as the project was created, moved
 * only by approved change orders), forecast (while not completed) and actual.
 *
 * @param milestone the milestone
 * @param plannedDate its planned date
 * @param forecastDate when it will be reached at the current pace; null once completed
 * @param completedOn the day it completed
 * @param slipDays days between planned and actual (or forecast); negative when ahead
 * @param pushedBy the dependency whose slip moves its forecast, if one does
 * @param shiftDays in a what-if, how far its forecast moves from today's; 0 otherwise
 */
public record BaselineEntry(Milestone milestone, @Nullable LocalDate plannedDate, @Nullable LocalDate forecastDate,
		@Nullable LocalDate completedOn, int slipDays, @Nullable Milestone pushedBy, int shiftDays) {
}
