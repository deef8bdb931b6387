package io.portico.milestone;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.tenant.ApprovalMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Forecasts, health and progress, computed from one project's milestones. */
class ProjectScheduleTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

	@Test
	void lateDependencyPushesItsDependentsForecast() {
		Milestone framing = milestone(1, MilestoneStatus.IN_PROGRESS, TODAY.minusDays(5), null);
		Milestone roofing = milestone(2, MilestoneStatus.PLANNED, TODAY.plusDays(20), null);
		ProjectSchedule schedule = new ProjectSchedule(List.of(framing, roofing),
				Map.of(roofing.id(), List.of(framing.id())), TODAY);

		assertThat(schedule.forecast(framing)).isEqualTo(TODAY);
		assertThat(schedule.health(framing)).isEqualTo(ScheduleHealth.LATE);
		assertThat(schedule.forecast(roofing)).isEqualTo(TODAY.plusDays(25));
		assertThat(schedule.health(roofing)).isEqualTo(ScheduleHealth.AT_RISK);
		assertThat(schedule.health(TODAY.plusDays(30))).isEqualTo(ScheduleHealth.LATE);
		assertThat(schedule.forecastDate(TODAY.plusDays(30))).isEqualTo(TODAY.plusDays(25));
	}

	@Test
	void onTimeWorkIsOnTrackAndDoneIsDone() {
		Milestone permits = milestone(1, MilestoneStatus.COMPLETED, TODAY.minusDays(3),
				OffsetDateTime.of(TODAY.minusDays(4).atStartOfDay(), ZoneOffset.UTC));
		Milestone framing = milestone(2, MilestoneStatus.IN_PROGRESS, TODAY.plusDays(10), null);
		ProjectSchedule schedule = new ProjectSchedule(List.of(permits, framing),
				Map.of(framing.id(), List.of(permits.id())), TODAY);

		assertThat(schedule.health(permits)).isEqualTo(ScheduleHealth.DONE);
		assertThat(schedule.health(framing)).isEqualTo(ScheduleHealth.ON_TRACK);
		assertThat(schedule.forecast(framing)).isEqualTo(TODAY.plusDays(10));
		assertThat(schedule.health(TODAY.plusDays(10))).isEqualTo(ScheduleHealth.ON_TRACK);
		assertThat(schedule.nextMilestone()).isEqualTo(framing);
		assertThat(List.of(schedule.completed(), schedule.total(), schedule.percent())).containsExactly(1, 2, 50);
	}

	@Test
	void notStartedCloseToItsDueDateIsAtRisk() {
		Milestone soon = milestone(1, MilestoneStatus.PLANNED, TODAY.plusDays(ProjectSchedule.AT_RISK_DAYS), null);
		ProjectSchedule schedule = new ProjectSchedule(List.of(soon), Map.of(), TODAY);
		assertThat(schedule.health(soon)).isEqualTo(ScheduleHealth.AT_RISK);
	}

	@Test
	void emptyProjectHasNoProgressAndItsTargetAsForecast() {
		ProjectSchedule schedule = new ProjectSchedule(List.of(), Map.of(), TODAY);
		assertThat(schedule.percent()).isZero();
		assertThat(schedule.forecastDate(TODAY)).isEqualTo(TODAY);
		assertThat(schedule.nextMilestone()).isNull();
	}

	private static Milestone milestone(int position, MilestoneStatus status, LocalDate due,
			OffsetDateTime completedAt) {
		return new Milestone(UUID.randomUUID(), UUID.randomUUID(), "m" + position, "M" + position, null, position, null,
				status, ApprovalMode.NONE, due, null, completedAt, "site", true, false, 1, null, due);
	}

}
