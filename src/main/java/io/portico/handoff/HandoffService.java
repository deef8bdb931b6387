package io.portico.handoff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.portico.database.TenantDatabase;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.handoff.HandoffRepository.Current;
import io.portico.milestone.Completion;
import io.portico.milestone.CompletionEffect;
import io.portico.milestone.Milestone;
import io.portico.tenant.TenantConfig;
import io.portico.tenant.TenantRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

/**
 * Handoffs: what the template says happens between teams when a milestone completes, done
 * as an effect of that completion; and whose turn a project is.
 */
@Service
class HandoffService {

	private final TenantDatabase database;

	private final HandoffRepository repository;

	private final Notifications notifications;

	private final EventLog events;

	private final TenantRegistry tenants;

	HandoffService(TenantDatabase database, HandoffRepository repository, Notifications notifications, EventLog events,
			TenantRegistry tenants) {
		this.database = database;
		this.repository = repository;
		this.notifications = notifications;
		this.events = events;
		this.tenants = tenants;
	}

	@Bean
	static EventKind<HandedOff> handedOffKind() {
		return HandedOff.KIND;
	}

	@Bean
	@Order(CompletionEffect.HANDOFF)
	static CompletionEffect handOff(HandoffService handoffs) {
		return handoffs::handOff;
	}

	/**
	 * Records the handoff, tells the notified teams that the milestone completed and who
	 * takes over, tells the released teams they are released, and logs it (staff only).
	 */
	Mono<Void> handOff(Completion completion) {
		TenantConfig.Handoff rule = rule(completion);
		if (rule == null) {
			return Mono.empty();
		}
		Milestone milestone = completion.milestone();
		Handoff handoff = new Handoff(milestone.id(), rule.toTeam(), rule.notifyTeams(), rule.releaseTeams(),
				completion.at());
		String done = "'" + milestone.name() + "' was completed";
		String takeover = (rule.toTeam() != null) ? "; " + rule.toTeam() + " takes over" : "";
		List<Mono<Void>> posts = new ArrayList<>();
		Set<String> notified = new LinkedHashSet<>(rule.notifyTeams());
		for (String team : notified) {
			boolean taking = team.equals(rule.toTeam());
			posts.add(this.notifications.post(completion.viewer(), team, "handoff",
					done + (taking ? "; your team takes over" : takeover), milestone.projectId(), milestone.id()));
		}
		for (String team : rule.releaseTeams()) {
			posts.add(this.notifications.post(completion.viewer(), team, "released",
					done + "; your team is released from this project" + takeover, milestone.projectId(),
					milestone.id()));
		}
		return this.repository.insert(completion.viewer(), handoff)
			.then(this.events.append(completion.viewer(),
					new HandedOff(PortalEvent.UNASSIGNED, milestone.projectId(), milestone.id(), rule.toTeam(),
							completion.viewer().subject(), completion.at())))
			.thenMany(Flux.concat(posts))
			.then();
	}

	private TenantConfig.@org.jspecify.annotations.Nullable Handoff rule(Completion completion) {
		if (completion.templateKey() == null || completion.milestone().key() == null) {
			return null;
		}
		TenantConfig.ProjectTemplate template = this.tenants.byId(completion.viewer().tenantId())
			.config()
			.template(completion.templateKey());
		if (template == null) {
			return null;
		}
		return template.milestones()
			.stream()
			.filter((m) -> m.key().equals(completion.milestone().key()))
			.findFirst()
			.map(TenantConfig.MilestoneTemplate::handoff)
			.orElse(null);
	}

	Mono<Map<UUID, Handoff>> handoffs(Collection<UUID> milestoneIds) {
		return this.database.forCurrentViewer(
				(viewer) -> this.repository.handoffs(viewer, milestoneIds).collectMap(Handoff::milestoneId));
	}

	/**
	 * The milestone each project waits on now; projects that wait on nothing are absent.
	 */
	Mono<Map<UUID, Current>> current(Collection<UUID> projectIds) {
		return this.database.forCurrentViewer((viewer) -> this.repository.current(viewer, projectIds)
			.collectMap(Current::projectId)
			.map(HashMap::new));
	}

}
