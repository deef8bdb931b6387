package io.portico.changeorder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.billing.BillingService;
import io.portico.changeorder.ChangeOrder.ChangeOrderStatus;
import io.portico.database.TenantDatabase;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.handoff.Notifications;
import io.portico.project.ProjectService;
import io.portico.shared.Inputs;
import io.portico.shared.Multimaps;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.MilestoneKind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * Change orders: proposed by staff, decided by the client. Each change is one transaction
 * that locks the change order, checks its version and status, and appends its event; an
 * approval applies all its effects in the same transaction.
 */
@Service
public class ChangeOrderService {

	private static final BigDecimal MAX_COST = new BigDecimal("999999999999.99");

	private static final int MAX_DAYS = 3650;

	private static final int MAX_ROUNDS = 10;

	private final TenantDatabase database;

	private final ChangeOrderRepository repository;

	private final ProjectService projects;

	private final BillingService billing;

	private final Notifications notifications;

	private final EventLog events;

	private final Clock clock;

	ChangeOrderService(TenantDatabase database, ChangeOrderRepository repository, ProjectService projects,
			BillingService billing, Notifications notifications, EventLog events, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.projects = projects;
		this.billing = billing;
		this.notifications = notifications;
		this.events = events;
		this.clock = clock;
	}

	@Bean
	static EventKind<ChangeOrderProposed> changeOrderProposedKind() {
		return ChangeOrderProposed.KIND;
	}

	@Bean
	static EventKind<ChangeOrderDecided> changeOrderDecidedKind() {
		return ChangeOrderDecided.KIND;
	}

	public Mono<ChangeOrder> changeOrder(String id) {
		UUID uuid = Inputs.id("id", id);
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, List.of(uuid)).next());
	}

	public Mono<Map<UUID, ChangeOrder>> byIds(Collection<UUID> ids) {
		return this.database
			.forCurrentViewer((viewer) -> this.repository.byIds(viewer, ids).collectMap(ChangeOrder::id));
	}

	public Mono<Map<UUID, List<ChangeOrder>>> byProjects(Collection<UUID> projectIds) {
		return this.database
			.forCurrentViewer(
					(viewer) -> this.repository.byProjects(viewer, projectIds).collectMultimap(ChangeOrder::projectId))
			.map(Multimaps::lists);
	}

	/** Proposes a change order (staff only) on an active project. */
	public Mono<ChangeOrder> propose(Proposal proposal) {
		UUID projectId = Inputs.id("projectId", proposal.projectId());
		UUID milestoneId = (proposal.milestoneId() != null) ? Inputs.id("milestoneId", proposal.milestoneId()) : null;
		String title = Inputs.name("title", proposal.title());
		String description = Inputs.text("description", proposal.description());
		BigDecimal cost = cost(proposal.costImpact());
		int days = (proposal.scheduleImpactDays() != null) ? proposal.scheduleImpactDays() : 0;
		if (Math.abs(days) > MAX_DAYS) {
			throw new PorticoException.Invalid("INVALID_DAYS",
					"'scheduleImpactDays' must be between -" + MAX_DAYS + " and " + MAX_DAYS, "scheduleImpactDays");
		}
		List<String> criteria = (proposal.newAcceptanceCriteria() != null) ? proposal.newAcceptanceCriteria()
			.stream()
			.map((text) -> Inputs.name("newAcceptanceCriteria", text))
			.toList() : List.of();
		int rounds = (proposal.revisionRounds() != null) ? proposal.revisionRounds() : 0;
		if (rounds < 0 || rounds > MAX_ROUNDS) {
			throw new PorticoException.Invalid("INVALID_ROUNDS", "'revisionRounds' must be between 0 and " + MAX_ROUNDS,
					"revisionRounds");
		}
		if (milestoneId == null && (!criteria.isEmpty() || days != 0 || rounds != 0)) {
			throw new PorticoException.Invalid("MILESTONE_REQUIRED",
					"Name the milestone ('milestoneId') that new criteria, a schedule impact or revision rounds apply to",
					"milestoneId");
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.MICROS);
		return this.database.forCurrentViewer((viewer) -> this.repository.project(viewer, projectId)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Project", proposal.projectId())))
			.flatMap((project) -> {
				if (!"ACTIVE".equals(project[0]) && !"ON_HOLD".equals(project[0])) {
					return Mono.error(new PorticoException.Conflict("INVALID_TRANSITION",
							"Cannot change a project that is " + project[0], Map.of("status", project[0])));
				}
				Mono<Void> milestoneOpen = (milestoneId == null) ? Mono.empty()
						: this.repository.milestoneStatus(viewer, milestoneId, projectId)
							.switchIfEmpty(Mono
								.error(() -> new PorticoException.NotFound("Milestone", proposal.milestoneId())))
							.flatMap((milestone) -> {
								if ("COMPLETED".equals(milestone[0])) {
									return Mono.error(new PorticoException.Conflict("INVALID_TRANSITION",
											"The milestone is completed; a change order affects open work",
											Map.of("status", milestone[0])));
								}
								if (rounds > 0 && !MilestoneKind.REVIEW.name().equals(milestone[1])) {
									return Mono.error(new PorticoException.Invalid("NOT_A_REVIEW",
											"Revision rounds are bought for a review milestone; this one is not",
											"revisionRounds"));
								}
								return Mono.empty();
							});
				ChangeOrder order = new ChangeOrder(UUID.randomUUID(), projectId, milestoneId, title, description, cost,
						project[1], days, criteria, ChangeOrderStatus.PROPOSED, viewer.subject(),
						viewer.teams().isEmpty() ? null : viewer.teams().get(0), now, null, null, null, null, 1,
						rounds);
				return milestoneOpen.then(this.repository.insert(viewer, order))
					.then(this.events.append(viewer,
							new ChangeOrderProposed(PortalEvent.UNASSIGNED, projectId, order.id(), viewer.subject(),
									now)))
					.thenReturn(order);
			}));
	}

	/** What staff propose. */
	public record Proposal(String projectId, String title, @Nullable String description,
			@Nullable BigDecimal costImpact, @Nullable Integer scheduleImpactDays, @Nullable String milestoneId,
			@Nullable List<String> newAcceptanceCriteria, @Nullable Integer revisionRounds) {
	}

	/**
	 * The revision rounds approved change orders bought for each milestone, as the viewer
	 * sees them (a CLIENT sees its projects' change orders); milestones without any are
	 * left out.
	 */
	public Mono<Map<UUID, Integer>> roundsBought(Collection<UUID> milestoneIds) {
		return this.database.forCurrentViewer((viewer) -> this.repository.roundsBought(viewer, milestoneIds)
			.collectMap((row) -> (UUID) row[0], (row) -> (Integer) row[1]));
	}

	/**
	 * The client approves: the contract value grows by the cost, the cost is billed by
	 * the tenant's rule, the new criteria are added and the affected milestone and those
	 * after it move by the schedule impact; then the proposing team is told.
	 */
	public Mono<ChangeOrder> approve(String id, @Nullable Integer expectedVersion, @Nullable String note) {
		String checkedNote = Inputs.text("note", note);
		return decide(id, expectedVersion, ChangeOrderStatus.APPROVED, checkedNote, (viewer, order, at) -> {
			Mono<Void> value = (order.costImpact() != null)
					? this.projects.addToContractValue(viewer, order.projectId(), order.costImpact())
						.then(this.billing.billChangeOrder(viewer, order.projectId(), order.id(), order.costImpact(),
								order.currency(), at))
					: Mono.empty();
			Mono<Void> criteria = (order.milestoneId() != null && !order.newAcceptanceCriteria().isEmpty())
					? this.repository.addCriteria(order.milestoneId(), order.newAcceptanceCriteria()) : Mono.empty();
			Mono<Void> schedule = (order.milestoneId() != null && order.scheduleImpactDays() != 0)
					? this.repository.shiftSchedule(order.milestoneId(), order.scheduleImpactDays()) : Mono.empty();
			return value.then(criteria).then(schedule);
		});
	}

	/** The client rejects, with a reason. */
	public Mono<ChangeOrder> reject(String id, @Nullable Integer expectedVersion, String reason) {
		return decide(id, expectedVersion, ChangeOrderStatus.REJECTED, Inputs.requiredText("reason", reason),
				(viewer, order, at) -> Mono.empty());
	}

	/** Staff withdraw a proposal the client has not decided yet. */
	public Mono<ChangeOrder> withdraw(String id, @Nullable Integer expectedVersion) {
		return decide(id, expectedVersion, ChangeOrderStatus.WITHDRAWN, null, (viewer, order, at) -> Mono.empty());
	}

	/**
	 * The frame of every decision: one transaction, the change order locked, the version
	 * and the status checked, who may decide checked, the decision recorded like a
	 * sign-off, its effects, its event, and a notification for the proposing team.
	 */
	private Mono<ChangeOrder> decide(String id, @Nullable Integer expectedVersion, ChangeOrderStatus status,
			@Nullable String note, Effects effects) {
		UUID uuid = Inputs.id("id", id);
		OffsetDateTime now = OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.MICROS);
		return this.database.forCurrentViewer((viewer) -> this.repository.lock(viewer, uuid)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Change order", id)))
			.flatMap((order) -> {
				ChangeOrderRules.check(order, status, expectedVersion, viewer);
				return this.repository.decide(viewer, order, status, now, note)
					.then(effects.apply(viewer, order, now))
					.then(this.events.append(viewer,
							new ChangeOrderDecided(PortalEvent.UNASSIGNED, order.projectId(), order.id(), status,
									viewer.subject(), now)))
					.then((order.requestedTeam() != null && status != ChangeOrderStatus.WITHDRAWN)
							? this.notifications.post(viewer, order.requestedTeam(), "change-order-decided",
									"The client " + status.name().toLowerCase(java.util.Locale.ROOT) + " change order '"
											+ order.title() + "'",
									order.projectId(), order.milestoneId())
							: Mono.empty())
					.then(this.repository.byIds(viewer, List.of(uuid)).next());
			}));
	}

	@FunctionalInterface
	private interface Effects {

		Mono<Void> apply(Viewer viewer, ChangeOrder order, OffsetDateTime at);

	}

	private static @Nullable BigDecimal cost(@Nullable BigDecimal cost) {
		if (cost == null) {
			return null;
		}
		if (cost.abs().compareTo(MAX_COST) > 0 || cost.stripTrailingZeros().scale() > 2) {
			throw new PorticoException.Invalid("INVALID_AMOUNT",
					"'costImpact' must be at most " + MAX_COST + " either way, with at most two decimals",
					"costImpact");
		}
		return cost.setScale(2);
	}

}
