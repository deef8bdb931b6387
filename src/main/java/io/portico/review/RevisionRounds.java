package io.portico.review;

import io.portico.milestone.KindSettings;
import org.jspecify.annotations.Nullable;

/**
 * A review's revision rounds: those included (the template's, plus those approved change
 * orders bought), those used (each request for changes opens the next round) and those
 * left.
 *
 * @param included rounds included
 * @param used rounds used
 * @param remaining rounds left before another change order is needed
 */
public record RevisionRounds(int included, int used, int remaining) {

	static RevisionRounds of(@Nullable KindSettings settings, int bought) {
		int included = ((settings != null && settings.includedRounds() != null) ? settings.includedRounds() : 0)
				+ bought;
		int used = (settings != null) ? settings.changesRequested() : 0;
		return new RevisionRounds(included, used, Math.max(0, included - used));
	}

	/** The round under way: the first submission is round 1. */
	public int round() {
		return this.used + 1;
	}

}
