package io.portico.milestone;

/** How a milestone or project stands against its dates. */
public enum ScheduleHealth {

	ON_TRACK, AT_RISK, LATE, DONE;

	static ScheduleHealth worst(ScheduleHealth a, ScheduleHealth b) {
		return (rank(a) >= rank(b)) ? a : b;
	}

	private static int rank(ScheduleHealth health) {
		return switch (health) {
			case DONE -> 0;
			case ON_TRACK -> 1;
			case AT_RISK -> 2;
			case LATE -> 3;
		};
	}

}
