package io.portico.integration;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.database.TenantDatabase;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.milestone.MilestoneService;
import io.portico.project.ProjectService;
import io.portico.shared.Inputs;
import io.portico.shared.Multimaps;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * Integration checks (SaaS onboarding): staff, or an integration with its own service
 * token, report how a check stands; the latest report of each check is its status, and a
 * milestone that requires checks completes only while they pass
 * ({@link RequiredChecksGuard}).
 */
@Service
public class IntegrationChecks {

	private final TenantDatabase database;

	private final IntegrationCheckRepository repository;

	private final EventLog events;

	private final ProjectService projects;

	private final MilestoneService milestones;

	private final Clock clock;

	IntegrationChecks(TenantDatabase database, IntegrationCheckRepository repository, EventLog events,
			ProjectService projects, MilestoneService milestones, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.events = events;
		this.projects = projects;
		this.milestones = milestones;
		this.clock = clock;
	}

	/** The integration feature records check reports in the log. */
	@Bean
	static EventKind<IntegrationCheckRecorded> integrationCheckRecordedKind() {
		return IntegrationCheckRecorded.KIND;
	}

	/** Each project's checks as the viewer sees them, latest report of each, by name. */
	public Mono<Map<UUID, List<IntegrationCheck>>> latest(Collection<UUID> projectIds) {
		return this.database
			.forCurrentViewer(
					(viewer) -> this.repository.latest(viewer, projectIds).collectMultimap(IntegrationCheck::projectId))
			.map(Multimaps::lists);
	}

	/** Records a report with its event, in one transaction. */
	public Mono<IntegrationCheck> record(String projectId, String name, CheckStatus status, @Nullable String detail,
			@Nullable String milestoneId) {
		UUID project = Inputs.id("projectId", projectId);
		UUID milestone = (milestoneId != null) ? Inputs.id("milestoneId", milestoneId) : null;
		String checkName = Inputs.name("name", name);
		String checkedDetail = Inputs.text("detail", detail);
		return this.database.forCurrentViewer((viewer) -> this.projects.byIds(List.of(project))
			.flatMap((found) -> found.containsKey(project) ? Mono.empty()
					: Mono.error(new PorticoException.NotFound("Project", projectId)))
			.then(milestoneOf(project, milestone))
			.then(this.repository.holdChecks(viewer, project))
			.then(this.repository.insert(viewer,
					new IntegrationCheck(UUID.randomUUID(), project, milestone, checkName, status, checkedDetail,
							viewer.subject(), OffsetDateTime.now(this.clock))))
			.flatMap((check) -> this.events.append(viewer, recorded(viewer, check)).thenReturn(check)));
	}

	/** A milestone reported on must be one of the project's. */
	private Mono<Void> milestoneOf(UUID project, @Nullable UUID milestone) {
		if (milestone == null) {
			return Mono.empty();
		}
		return this.milestones.byIds(List.of(milestone)).flatMap((found) -> {
			if (!found.containsKey(milestone) || !found.get(milestone).projectId().equals(project)) {
				return Mono.error(new PorticoException.NotFound("Milestone", milestone.toString()));
			}
			return Mono.empty();
		});
	}

	private IntegrationCheckRecorded recorded(Viewer viewer, IntegrationCheck check) {
		return new IntegrationCheckRecorded(PortalEvent.UNASSIGNED, check.projectId(), check.id(), check.milestoneId(),
				check.name(), check.status(), viewer.subject(), OffsetDateTime.now(this.clock));
	}

}
