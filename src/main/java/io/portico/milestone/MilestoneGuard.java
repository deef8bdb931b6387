package io.portico.milestone;

import io.portico.shared.Viewer;
import reactor.core.publisher.Mono;

/**
 * A rule another feature sets on a milestone's workflow: a failed inspection keeps it
 * from completing, a review's revision rounds run out, an integration's checks must pass.
 * Each guard is a bean; they run in their {@code @Order} after the workflow allowed the
 * action and before anything changes, inside the same transaction and with the acting
 * viewer's lens, and refuse by failing with a {@code PorticoException} that says what is
 * missing.
 */
@FunctionalInterface
public interface MilestoneGuard {

	/**
	 * Completes empty to let the action run, or fails to refuse it.
	 * @param action what the viewer does
	 * @param viewer who does it
	 * @param milestone the milestone as locked for the change
	 */
	Mono<Void> check(MilestoneAction action, Viewer viewer, Milestone milestone);

}
