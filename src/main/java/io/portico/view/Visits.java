package io.portico.view;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.database.TenantDatabase;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.shared.Inputs;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Visits: a portal records one when its person leaves a project ({@code markVisited}),
 * and shows on the next what changed since, through the viewer's lens.
 */
@Service
class Visits {

	/** The most events listed since a visit; the summary says when there were more. */
	static final int MAX_EVENTS = 200;

	private final TenantDatabase database;

	private final VisitRepository repository;

	private final EventLog events;

	private final TenantRegistry tenants;

	Visits(TenantDatabase database, VisitRepository repository, EventLog events, TenantRegistry tenants) {
		this.database = database;
		this.repository = repository;
		this.events = events;
		this.tenants = tenants;
	}

	Mono<OffsetDateTime> markVisited(String projectId) {
		UUID id = Inputs.id("projectId", projectId);
		return this.database.forCurrentViewer((viewer) -> this.repository.record(viewer, id))
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Project", projectId)));
	}

	/** Two statements for any number of projects. */
	Mono<Map<UUID, SinceLastVisit>> sinceLastVisit(Collection<UUID> projectIds) {
		return this.database.forCurrentViewer((viewer) -> this.repository.lastVisits(viewer, projectIds)
			.collectMap(Visit::projectId)
			.flatMap((visits) -> {
				Map<UUID, Long> after = new HashMap<>();
				visits.forEach((project, visit) -> after.put(project, visit.lastPosition()));
				return this.events.sinceEach(viewer, after, MAX_EVENTS + 1)
					.map((changes) -> answers(viewer, projectIds, visits, changes));
			}));
	}

	private Map<UUID, SinceLastVisit> answers(Viewer viewer, Collection<UUID> projectIds, Map<UUID, Visit> visits,
			Map<UUID, List<PortalEvent>> changes) {
		var words = this.tenants.byId(viewer.tenantId()).config().vocabulary();
		Map<UUID, SinceLastVisit> answers = new HashMap<>();
		for (UUID projectId : projectIds) {
			Visit visit = visits.get(projectId);
			if (visit == null) {
				answers.put(projectId, new SinceLastVisit(null, List.of(), ChangeSummary.FIRST_VISIT));
				continue;
			}
			List<PortalEvent> events = changes.getOrDefault(projectId, List.of());
			boolean more = events.size() > MAX_EVENTS;
			List<PortalEvent> shown = more ? events.subList(0, MAX_EVENTS) : events;
			answers.put(projectId, new SinceLastVisit(visit.visitedAt(), shown, ChangeSummary.of(shown, more, words)));
		}
		return answers;
	}

}
