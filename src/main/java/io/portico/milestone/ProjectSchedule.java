package io.portico.milestone;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A project's milestones as the viewer sees them, with a forecast for each: a milestone
 * that is not done is forecast no earlier than today, and it slips by as much as its
 * latest-slipping dependency. Health follows from forecast and due dates.
 *
 * <p>
 * Computed in memory from one batch of rows, so asking for health or progress of many
 * projects costs the same number of statements as asking for one.
 */
public final class ProjectSchedule {

	/** A milestone not yet started this close to its due date is at risk. */
	static final int AT_RISK_DAYS = 3;

	private final List<Milestone> milestones;

	private final Map<UUID, LocalDate> forecasts = new HashMap<>();

	private final Map<UUID, List<UUID>> dependencies;

	private final Map<UUID, Milestone> byId = new HashMap<>();

	/** For each milestone whose forecast a dependency's slip moves: that dependency. */
	private final Map<UUID, UUID> pushedBy = new HashMap<>();

	private final LocalDate today;

	/** Days one milestone is assumed to slip by, in a what-if. */
	private final Map<UUID, Integer> assumedSlips;

	ProjectSchedule(List<Milestone> milestones, Map<UUID, List<UUID>> dependencies, LocalDate today) {
		this(milestones, dependencies, today, Map.of());
	}

	private ProjectSchedule(List<Milestone> milestones, Map<UUID, List<UUID>> dependencies, LocalDate today,
			Map<UUID, Integer> assumedSlips) {
		this.milestones = List.copyOf(milestones);
		this.dependencies = dependencies;
		this.today = today;
		this.assumedSlips = assumedSlips;
		milestones.forEach((m) -> this.byId.put(m.id(), m));
		milestones.forEach(this::computeForecast);
	}

	/**
	 * This schedule as it would be if the milestone (not completed) slipped by the given
	 * days: its forecast moves by them, and every milestone after it by as much as its
	 * dependencies push it. Nothing is written.
	 */
	ProjectSchedule withSlip(Milestone milestone, int days) {
		return new ProjectSchedule(this.milestones, this.dependencies, this.today, Map.of(milestone.id(), days));
	}

	/**
	 * Planned, forecast and actual dates of each milestone, measured against the plan.
	 */
	public List<BaselineEntry> baseline() {
		return baseline(this);
	}

	/**
	 * Planned, forecast and actual dates of each milestone, measured against the plan;
	 * {@code compared} is the schedule a what-if started from ({@code this} otherwise).
	 */
	List<BaselineEntry> baseline(ProjectSchedule compared) {
		return this.milestones.stream().map((m) -> {
			LocalDate forecast = this.forecasts.get(m.id());
			LocalDate completedOn = (m.completedAt() != null) ? m.completedAt().toLocalDate() : null;
			LocalDate reached = (completedOn != null) ? completedOn : forecast;
			int slip = (m.plannedDate() != null && reached != null)
					? (int) ChronoUnit.DAYS.between(m.plannedDate(), reached) : 0;
			LocalDate before = compared.forecasts.get(m.id());
			int shift = (before != null && forecast != null) ? (int) ChronoUnit.DAYS.between(before, forecast) : 0;
			UUID pusher = this.pushedBy.get(m.id());
			return new BaselineEntry(m, m.plannedDate(), (completedOn == null) ? forecast : null, completedOn, slip,
					(pusher != null) ? this.byId.get(pusher) : null, shift);
		}).toList();
	}

	public List<Milestone> milestones() {
		return this.milestones;
	}

	public int completed() {
		return (int) this.milestones.stream().filter(Milestone::completed).count();
	}

	public int total() {
		return this.milestones.size();
	}

	public int percent() {
		return (total() == 0) ? 0 : (int) Math.floor(100.0 * completed() / total());
	}

	/** The first milestone in order that is not completed. */
	public @Nullable Milestone nextMilestone() {
		return this.milestones.stream().filter((m) -> !m.completed()).findFirst().orElse(null);
	}

	public @Nullable LocalDate forecast(Milestone milestone) {
		return this.forecasts.get(milestone.id());
	}

	public ScheduleHealth health(Milestone milestone) {
		if (milestone.completed()) {
			return ScheduleHealth.DONE;
		}
		LocalDate due = milestone.dueDate();
		if (due == null) {
			return ScheduleHealth.ON_TRACK;
		}
		if (due.isBefore(this.today)) {
			return ScheduleHealth.LATE;
		}
		LocalDate forecast = this.forecasts.get(milestone.id());
		boolean slipping = forecast != null && forecast.isAfter(due);
		boolean notStartedAndClose = milestone.status() == MilestoneStatus.PLANNED
				&& ChronoUnit.DAYS.between(this.today, due) <= AT_RISK_DAYS;
		return (slipping || notStartedAndClose) ? ScheduleHealth.AT_RISK : ScheduleHealth.ON_TRACK;
	}

	/** The latest forecast of any milestone, or the target date when there are none. */
	public @Nullable LocalDate forecastDate(@Nullable LocalDate targetDate) {
		return this.forecasts.values().stream().max(LocalDate::compareTo).orElse(targetDate);
	}

	public ScheduleHealth health(@Nullable LocalDate targetDate) {
		if (!this.milestones.isEmpty() && completed() == total()) {
			return ScheduleHealth.DONE;
		}
		ScheduleHealth health = ScheduleHealth.ON_TRACK;
		for (Milestone milestone : this.milestones) {
			health = ScheduleHealth.worst(health, health(milestone));
		}
		LocalDate forecast = forecastDate(targetDate);
		if (health == ScheduleHealth.ON_TRACK && targetDate != null && forecast != null
				&& forecast.isAfter(targetDate)) {
			health = ScheduleHealth.AT_RISK;
		}
		return health;
	}

	private LocalDate computeForecast(Milestone milestone) {
		LocalDate known = this.forecasts.get(milestone.id());
		if (known != null) {
			return known;
		}
		LocalDate forecast;
		if (milestone.completedAt() != null) {
			forecast = milestone.completedAt().toLocalDate();
		}
		else {
			LocalDate due = (milestone.dueDate() != null) ? milestone.dueDate() : this.today;
			long slip = 0;
			for (UUID dependencyId : this.dependencies.getOrDefault(milestone.id(), List.of())) {
				Milestone dependency = this.byId.get(dependencyId);
				if (dependency != null && dependency.dueDate() != null) {
					long slipOfDependency = ChronoUnit.DAYS.between(dependency.dueDate(), computeForecast(dependency));
					if (slipOfDependency > slip) {
						slip = slipOfDependency;
						this.pushedBy.put(milestone.id(), dependencyId);
					}
				}
			}
			forecast = due.plusDays(slip);
			if (forecast.isBefore(this.today)) {
				forecast = this.today;
			}
			forecast = forecast.plusDays(this.assumedSlips.getOrDefault(milestone.id(), 0));
		}
		this.forecasts.put(milestone.id(), forecast);
		return forecast;
	}

}
