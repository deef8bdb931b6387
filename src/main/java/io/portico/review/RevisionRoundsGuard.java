package io.portico.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneAction;
import io.portico.milestone.MilestoneGuard;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.MilestoneKind;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A request for changes past a review's included rounds is refused until a change order
 * for another round is approved: revisions after the included ones are logged as change
 * orders, not done as free rework.
 */
@Component
@Order(200)
class RevisionRoundsGuard implements MilestoneGuard {

	private final Reviews reviews;

	RevisionRoundsGuard(Reviews reviews) {
		this.reviews = reviews;
	}

	@Override
	public Mono<Void> check(MilestoneAction action, Viewer viewer, Milestone milestone) {
		if (action != MilestoneAction.REQUEST_CHANGES || milestone.kind() != MilestoneKind.REVIEW) {
			return Mono.empty();
		}
		return this.reviews.rounds(List.of(milestone)).flatMap((all) -> {
			RevisionRounds rounds = all.get(milestone.id());
			if (rounds == null || rounds.remaining() > 0) {
				return Mono.empty();
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("included", rounds.included());
			details.put("used", rounds.used());
			details.put("remaining", 0);
			return Mono.error(new PorticoException.Conflict("CHANGE_ORDER_REQUIRED",
					"The " + rounds.included() + " revision round" + ((rounds.included() == 1) ? "" : "s")
							+ " included for '" + milestone.name() + "' are used; approve it as it is, or agree a "
							+ "change order for another round first",
					details));
		});
	}

}
