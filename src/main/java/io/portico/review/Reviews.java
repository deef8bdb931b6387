package io.portico.review;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.changeorder.ChangeOrderService;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.tenant.MilestoneKind;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Deliverable reviews (agency): each request for changes opens the next revision round;
 * the template includes some, and approved change orders buy more.
 */
@Service
public class Reviews {

	/** The rounds of a project without a review. */
	public static final RevisionRounds NONE = new RevisionRounds(0, 0, 0);

	private final MilestoneService milestones;

	private final ChangeOrderService changeOrders;

	Reviews(MilestoneService milestones, ChangeOrderService changeOrders) {
		this.milestones = milestones;
		this.changeOrders = changeOrders;
	}

	/** The rounds of each review milestone among those given; two statements. */
	public Mono<Map<UUID, RevisionRounds>> rounds(Collection<Milestone> milestones) {
		List<UUID> reviews = milestones.stream()
			.filter((m) -> m.kind() == MilestoneKind.REVIEW)
			.map(Milestone::id)
			.toList();
		if (reviews.isEmpty()) {
			return Mono.just(Map.of());
		}
		return Mono.zip(this.milestones.kindSettings(reviews), this.changeOrders.roundsBought(reviews))
			.map((loaded) -> {
				Map<UUID, RevisionRounds> rounds = new HashMap<>();
				for (UUID id : reviews) {
					rounds.put(id, RevisionRounds.of(loaded.getT1().get(id), loaded.getT2().getOrDefault(id, 0)));
				}
				return rounds;
			});
	}

}
