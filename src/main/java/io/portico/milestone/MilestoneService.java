package io.portico.milestone;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.portico.database.TenantDatabase;
import io.portico.document.DocumentService;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.milestone.MilestoneDetails.AcceptanceCriterion;
import io.portico.milestone.MilestoneDetails.Deliverable;
import io.portico.milestone.MilestoneDetails.SignOff;
import io.portico.shared.Inputs;
import io.portico.shared.Multimaps;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantConfig;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * Milestones: reading them in batches, and moving them through the workflow. Each
 * mutation is one transaction that locks the milestone, checks the rules, writes the
 * change and appends its event, so a refused or failed change writes nothing.
 */
@Service
public class MilestoneService {

	private final TenantDatabase database;

	private final MilestoneRepository repository;

	private final EventLog events;

	private final DocumentService documents;

	private final Clock clock;

	MilestoneService(TenantDatabase database, MilestoneRepository repository, EventLog events,
			DocumentService documents, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.events = events;
		this.documents = documents;
		this.clock = clock;
	}

	/** The milestone feature records milestone changes in the log. */
	@Bean
	static EventKind<MilestoneChanged> milestoneChangedKind() {
		return MilestoneChanged.KIND;
	}

	/** The milestone, or empty when it does not exist or the viewer may not see it. */
	public Mono<Milestone> milestone(String id) {
		UUID uuid = Inputs.id("id", id);
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, List.of(uuid)).next());
	}

	public Mono<Map<UUID, Milestone>> byIds(Collection<UUID> ids) {
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, ids).collectMap(Milestone::id));
	}

	public Mono<Map<UUID, List<Milestone>>> byProjects(Collection<UUID> projectIds) {
		return this.database
			.forCurrentViewer(
					(viewer) -> this.repository.byProjects(viewer, projectIds).collectMultimap(Milestone::projectId))
			.map(Multimaps::lists);
	}

	/** The visible dependencies of each milestone, in project order. */
	public Mono<Map<UUID, List<Milestone>>> dependsOn(Collection<UUID> milestoneIds) {
		return this.database.forCurrentViewer((viewer) -> this.repository.dependencies(viewer, milestoneIds)
			.collectList()
			.flatMap((edges) -> this.repository
				.byIds(viewer, edges.stream().map((e) -> e[1]).collect(Collectors.toSet()))
				.collectMap(Milestone::id)
				.map((targets) -> {
					Map<UUID, List<Milestone>> result = new HashMap<>();
					for (UUID[] edge : edges) {
						Milestone target = targets.get(edge[1]);
						if (target != null) {
							result.computeIfAbsent(edge[0], (k) -> new ArrayList<>()).add(target);
						}
					}
					result.values().forEach((list) -> list.sort((a, b) -> Integer.compare(a.position(), b.position())));
					return result;
				})));
	}

	public Mono<Map<UUID, List<AcceptanceCriterion>>> criteria(Collection<UUID> milestoneIds) {
		return this.database
			.forCurrentViewer((viewer) -> this.repository.criteria(viewer, milestoneIds)
				.collectMultimap(AcceptanceCriterion::milestoneId))
			.map(Multimaps::lists);
	}

	public Mono<Map<UUID, List<Deliverable>>> deliverables(Collection<UUID> milestoneIds) {
		return this.database
			.forCurrentViewer((viewer) -> this.repository.deliverables(viewer, milestoneIds)
				.collectMultimap(Deliverable::milestoneId))
			.map(Multimaps::lists);
	}

	public Mono<Map<UUID, SignOff>> signOffs(Collection<UUID> milestoneIds) {
		return this.database.forCurrentViewer(
				(viewer) -> this.repository.signOffs(viewer, milestoneIds).collectMap(SignOff::milestoneId));
	}

	/**
	 * The schedule of each project as the viewer sees it: two statements for any number
	 * of projects.
	 */
	public Mono<Map<UUID, ProjectSchedule>> schedules(Collection<UUID> projectIds) {
		LocalDate today = LocalDate.now(this.clock);
		return this.database.forCurrentViewer((viewer) -> this.repository.byProjects(viewer, projectIds)
			.collectList()
			.flatMap((milestones) -> this.repository
				.dependencies(viewer, milestones.stream().map(Milestone::id).toList())
				.collectMultimap((e) -> e[0], (e) -> e[1])
				.map((edges) -> {
					Map<UUID, List<UUID>> dependencies = Multimaps.lists(edges);
					Map<UUID, List<Milestone>> byProject = new LinkedHashMap<>();
					projectIds.forEach((id) -> byProject.put(id, new ArrayList<>()));
					milestones.forEach((m) -> byProject.get(m.projectId()).add(m));
					Map<UUID, ProjectSchedule> schedules = new HashMap<>();
					byProject.forEach((id, list) -> schedules.put(id, new ProjectSchedule(list, dependencies, today)));
					return schedules;
				})));
	}

	public List<MilestoneAction> allowedActions(Milestone milestone, Viewer viewer) {
		return MilestoneWorkflow.allowed(milestone, viewer);
	}

	public Mono<Milestone> start(String id, @Nullable Integer expectedVersion) {
		return transition(MilestoneAction.START, id, expectedVersion, null);
	}

	public Mono<Milestone> submit(String id, @Nullable Integer expectedVersion, @Nullable String note) {
		return transition(MilestoneAction.SUBMIT, id, expectedVersion, Inputs.text("note", note));
	}

	public Mono<Milestone> approve(String id, @Nullable Integer expectedVersion, @Nullable String note) {
		return transition(MilestoneAction.APPROVE, id, expectedVersion, Inputs.text("note", note));
	}

	public Mono<Milestone> requestChanges(String id, @Nullable Integer expectedVersion, String reason) {
		return transition(MilestoneAction.REQUEST_CHANGES, id, expectedVersion, Inputs.requiredText("reason", reason));
	}

	public Mono<Milestone> complete(String id, @Nullable Integer expectedVersion) {
		return transition(MilestoneAction.COMPLETE, id, expectedVersion, null);
	}

	public Mono<Milestone> update(String id, @Nullable Integer expectedVersion, @Nullable String name,
			@Nullable String description, @Nullable LocalDate dueDate, @Nullable String ownerTeam,
			@Nullable Boolean clientVisible) {
		UUID uuid = Inputs.id("id", id);
		if (ownerTeam != null) {
			Inputs.key("ownerTeam", ownerTeam, "INVALID_TEAM");
		}
		MilestoneEdit edit = new MilestoneEdit(Inputs.optionalName("name", name),
				Inputs.text("description", description), dueDate, ownerTeam, clientVisible);
		if (edit.isEmpty()) {
			throw new PorticoException.Invalid("NOTHING_TO_UPDATE", "Name at least one field to change", (String) null);
		}
		return write(uuid, expectedVersion, MilestoneAction.EDIT,
				(viewer, milestone) -> this.repository.edit(viewer, milestone, edit)
					.flatMap((updated) -> this.events.append(viewer, changed(viewer, milestone, updated, null))
						.thenReturn(updated)));
	}

	/**
	 * Creates a project's milestones from its template, inside the caller's transaction.
	 * Due dates are laid out from the start date and the template's offsets.
	 */
	public Mono<List<Milestone>> layOut(Viewer viewer, UUID projectId, TenantConfig.ProjectTemplate template,
			LocalDate startDate) {
		Map<String, UUID> ids = new HashMap<>();
		template.milestones().forEach((m) -> ids.put(m.key(), UUID.randomUUID()));
		List<Milestone> milestones = new ArrayList<>();
		List<UUID[]> edges = new ArrayList<>();
		List<AcceptanceCriterion> criteria = new ArrayList<>();
		int position = 1;
		for (TenantConfig.MilestoneTemplate m : template.milestones()) {
			UUID id = ids.get(m.key());
			milestones.add(new Milestone(id, projectId, m.key(), m.name(), m.phase(), position++, m.description(),
					MilestoneStatus.PLANNED, m.approval(), startDate.plusDays(m.dueOffsetDays()), null, null,
					m.ownerTeam(), m.clientVisible(), m.locksScope(), 1));
			m.dependsOn().forEach((key) -> edges.add(new UUID[] { id, ids.get(key) }));
			m.acceptanceCriteria()
				.forEach((text) -> criteria.add(new AcceptanceCriterion(UUID.randomUUID(), id, text, false)));
		}
		return Flux.fromIterable(milestones)
			.concatMap((m) -> this.repository.insert(viewer, m))
			.then(this.repository.insertDependencies(viewer, edges))
			.then(this.repository.insertCriteria(viewer, criteria))
			.thenReturn(milestones);
	}

	private Mono<Milestone> transition(MilestoneAction action, String id, @Nullable Integer expectedVersion,
			@Nullable String note) {
		UUID uuid = Inputs.id("id", id);
		return write(uuid, expectedVersion, action, (viewer, milestone) -> {
			MilestoneStatus next = MilestoneWorkflow.next(action, milestone, viewer);
			Mono<Void> precondition = (action == MilestoneAction.START) ? dependenciesComplete(milestone)
					: Mono.empty();
			Mono<Void> signOff = (action == MilestoneAction.APPROVE)
					? this.repository.signOff(viewer, milestone.id(), note) : Mono.empty();
			// Completing unlocks the milestone's documents; their events follow the
			// milestone's own.
			Mono<Void> effects = (next == MilestoneStatus.COMPLETED) ? this.documents.unlock(viewer, milestone.id())
					: Mono.empty();
			return precondition.then(this.repository.transition(viewer, milestone, next))
				.flatMap((updated) -> signOff.then(this.events.append(viewer,
						new MilestoneChanged(PortalEvent.UNASSIGNED, updated.projectId(), updated.id(),
								viewer.subject(), OffsetDateTime.now(this.clock), milestone.status(), updated.status(),
								note)))
					.then(effects)
					.thenReturn(updated));
		});
	}

	/**
	 * The frame of every milestone mutation: one transaction, the row locked so that
	 * concurrent writers are ordered by the database, the expected version checked, and
	 * the workflow consulted before the change runs.
	 */
	private Mono<Milestone> write(UUID id, @Nullable Integer expectedVersion, MilestoneAction action,
			MilestoneChange change) {
		return this.database.forCurrentViewer((viewer) -> this.repository.lock(viewer, id)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Milestone", id.toString())))
			.flatMap((milestone) -> {
				if (expectedVersion != null && expectedVersion != milestone.version()) {
					return Mono.error(new PorticoException.Conflict("VERSION_CONFLICT",
							"The milestone changed since version " + expectedVersion + "; it is now at version "
									+ milestone.version(),
							Map.of("expectedVersion", expectedVersion, "currentVersion", milestone.version())));
				}
				if (action == MilestoneAction.EDIT) {
					MilestoneWorkflow.next(action, milestone, viewer);
				}
				return change.apply(viewer, milestone);
			}));
	}

	private Mono<Void> dependenciesComplete(Milestone milestone) {
		return this.repository.incompleteDependencies(milestone.id()).collectList().flatMap((blockers) -> {
			if (blockers.isEmpty()) {
				return Mono.empty();
			}
			MilestoneRepository.Blocker first = blockers.get(0);
			return Mono.error(new PorticoException.Conflict("DEPENDENCY_INCOMPLETE",
					"Cannot start before '" + first.name() + "' is completed",
					Map.of("dependency",
							Map.of("id", first.id().toString(), "name", first.name(), "status", first.status().name()),
							"incomplete", blockers.stream().map(MilestoneRepository.Blocker::name).toList())));
		});
	}

	@FunctionalInterface
	private interface MilestoneChange {

		Mono<Milestone> apply(Viewer viewer, Milestone locked);

	}

	private MilestoneChanged changed(Viewer viewer, Milestone before, Milestone after, @Nullable String note) {
		return new MilestoneChanged(PortalEvent.UNASSIGNED, after.projectId(), after.id(), viewer.subject(),
				OffsetDateTime.now(this.clock), before.status(), after.status(), note);
	}

}
