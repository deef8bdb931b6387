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
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.portico.database.TenantDatabase;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.graphql.Batches;
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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * Milestones: reading them in batches, and moving them through the workflow. Each
 * mutation is one transaction that locks the milestone, checks the rules, writes the
 * change and appends its event, so a refused or failed change writes nothing.
 */
@Service
public class MilestoneService {

	/** The longest slip a what-if takes: ten years. */
	static final int MAX_SLIP_DAYS = 3650;

	private final TenantDatabase database;

	private final MilestoneRepository repository;

	private final EventLog events;

	private final ObjectProvider<MilestoneGuard> guards;

	private final ObjectProvider<CompletionEffect> effects;

	private final Clock clock;

	// Guards and effects are looked up when a milestone changes, not injected: the
	// features that provide them use this service themselves.
	MilestoneService(TenantDatabase database, MilestoneRepository repository, EventLog events,
			ObjectProvider<MilestoneGuard> guards, ObjectProvider<CompletionEffect> effects, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.events = events;
		this.guards = guards;
		this.effects = effects;
		this.clock = clock;
	}

	/** The milestone feature records milestone changes in the log. */
	@Bean
	static EventKind<MilestoneChanged> milestoneChangedKind() {
		return MilestoneChanged.KIND;
	}

	@Bean
	static EventKind<ScopeLocked> scopeLockedKind() {
		return ScopeLocked.KIND;
	}

	@Bean
	static EventKind<DeliverableSubmitted> deliverableSubmittedKind() {
		return DeliverableSubmitted.KIND;
	}

	/** The milestone, or empty when it does not exist or the viewer may not see it. */
	public Mono<Milestone> milestone(String id) {
		UUID uuid = Inputs.id("id", id);
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, List.of(uuid)).next());
	}

	/**
	 * The milestone each source names, for the {@code milestone} field of records that
	 * may name one: one batch; a source naming none, or one the viewer may not see, is
	 * left out (GraphQL answers null).
	 */
	public <T> Mono<Map<T, Milestone>> of(List<T> sources, Function<T, @Nullable UUID> milestoneId) {
		List<UUID> ids = sources.stream().map(milestoneId).filter(Objects::nonNull).distinct().toList();
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return byIds(ids).map((found) -> Batches.byKey(sources, (source) -> {
			UUID id = milestoneId.apply(source);
			return (id != null) ? found.get(id) : null;
		}));
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

	/**
	 * What-if: the project's baseline as it would be if the milestone slipped by the
	 * given days, each entry saying how far it moves and through which dependency. Reads
	 * only; the viewer sees its own milestones (a CLIENT's what-if knows no internal
	 * ones).
	 */
	public Mono<List<BaselineEntry>> simulateSlip(String milestoneId, int days) {
		UUID id = Inputs.id("milestoneId", milestoneId);
		if (days < 1 || days > MAX_SLIP_DAYS) {
			throw new PorticoException.Invalid("INVALID_DAYS", "A slip is 1 to " + MAX_SLIP_DAYS + " days, got " + days,
					"days");
		}
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, List.of(id)).next())
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Milestone", milestoneId)))
			.flatMap((milestone) -> {
				if (milestone.completed()) {
					return Mono.error(new PorticoException.Conflict("ALREADY_COMPLETED",
							"'" + milestone.name() + "' is completed; only what is still ahead can slip",
							Map.of("milestoneId", milestoneId)));
				}
				return schedules(List.of(milestone.projectId())).map((schedules) -> {
					ProjectSchedule today = schedules.get(milestone.projectId());
					return today.withSlip(milestone, days).baseline(today);
				});
			});
	}

	/**
	 * The approval note of each milestone, null for those not completed; three statements
	 * for any number of milestones.
	 */
	public Mono<Map<UUID, ApprovalNote>> approvalNotes(Collection<Milestone> milestones) {
		List<Milestone> completed = milestones.stream().filter((m) -> m.completedAt() != null).toList();
		if (completed.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<UUID> ids = completed.stream().map(Milestone::id).toList();
		List<UUID> projects = completed.stream().map(Milestone::projectId).distinct().toList();
		return Mono.zip(deliverables(ids), signOffs(ids), byProjects(projects)).map((loaded) -> {
			Map<UUID, ApprovalNote> notes = new HashMap<>();
			for (Milestone milestone : completed) {
				Milestone next = loaded.getT3()
					.getOrDefault(milestone.projectId(), List.of())
					.stream()
					.filter((m) -> m.position() > milestone.position())
					.findFirst()
					.orElse(null);
				notes.put(milestone.id(),
						ApprovalNote.of(milestone, loaded.getT1().getOrDefault(milestone.id(), List.of()),
								loaded.getT2().get(milestone.id()), next));
			}
			return notes;
		});
	}

	/**
	 * The milestone as the viewer sees it, its row held until the viewer's transaction
	 * ends: for features that record something a milestone's workflow reads (an
	 * inspection, a check), so that a concurrent transition either sees the record or
	 * runs first. Call inside a transaction of the viewer; fails with NOT_FOUND.
	 */
	public Mono<Milestone> lockForRecord(Viewer viewer, UUID id) {
		return this.repository.lock(viewer, id)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Milestone", id.toString())));
	}

	/**
	 * What the kind of each milestone that has one needs, as its template set it, and how
	 * many times changes were requested of it.
	 */
	public Mono<Map<UUID, KindSettings>> kindSettings(Collection<UUID> milestoneIds) {
		return this.database.forCurrentViewer(
				(viewer) -> this.repository.kindSettings(viewer, milestoneIds).collectMap(KindSettings::milestoneId));
	}

	public Mono<Map<UUID, Deliverable>> deliverablesByIds(Collection<UUID> ids) {
		return this.database
			.forCurrentViewer((viewer) -> this.repository.deliverablesByIds(viewer, ids).collectMap(Deliverable::id));
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
				Inputs.text("description", description), Inputs.date("dueDate", dueDate), ownerTeam, clientVisible);
		if (edit.isEmpty()) {
			throw new PorticoException.Invalid("NOTHING_TO_UPDATE", "Name at least one field to change", (String) null);
		}
		boolean changesScope = edit.name() != null || edit.description() != null;
		return write(uuid, expectedVersion, Rule.EDIT,
				(viewer, milestone) -> (changesScope ? scopeOpen(viewer, milestone, "rename or redescribe milestones")
						: Mono.<Void>empty())
					.then(this.repository.edit(viewer, milestone, edit))
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
					m.ownerTeam(), m.clientVisible(), m.locksScope(), 1, m.kind(),
					startDate.plusDays(m.dueOffsetDays())));
			m.dependsOn().forEach((key) -> edges.add(new UUID[] { id, ids.get(key) }));
			m.acceptanceCriteria().forEach((text) -> criteria.add(AcceptanceCriterion.unmet(id, text)));
		}
		Map<UUID, TenantConfig.MilestoneTemplate> templates = new HashMap<>();
		template.milestones().forEach((m) -> templates.put(ids.get(m.key()), m));
		return Flux.fromIterable(milestones)
			.concatMap((m) -> this.repository.insert(viewer, m, templates.get(m.id())))
			.then(this.repository.insertDependencies(viewer, edges))
			.then(this.repository.insertCriteria(viewer, criteria))
			.thenReturn(milestones);
	}

	private Mono<Milestone> transition(MilestoneAction action, String id, @Nullable Integer expectedVersion,
			@Nullable String note) {
		UUID uuid = Inputs.id("id", id);
		return write(uuid, expectedVersion, Rule.TRANSITION, (viewer, milestone) -> {
			MilestoneStatus next = MilestoneWorkflow.next(action, milestone, viewer);
			boolean completes = next == MilestoneStatus.COMPLETED;
			Mono<Void> precondition = ((action == MilestoneAction.START) ? dependenciesComplete(viewer, milestone)
					: completes ? criteriaMet(viewer, milestone) : Mono.<Void>empty())
				.then(guarded(action, viewer, milestone));
			Mono<Void> signOff = (action == MilestoneAction.APPROVE)
					? this.repository.signOff(viewer, milestone.id(), note) : Mono.empty();
			return precondition.then(this.repository.transition(viewer, milestone, next))
				.flatMap(
						(updated) -> signOff.then(this.events.append(viewer, changed(viewer, milestone, updated, note)))
							.then(completes ? completed(viewer, updated) : Mono.empty())
							.thenReturn(updated));
		});
	}

	/**
	 * What completing does beyond the milestone itself, in the effects' fixed order (see
	 * {@link CompletionEffect}), inside the completing transaction.
	 */
	private Mono<Void> completed(Viewer viewer, Milestone milestone) {
		OffsetDateTime at = (milestone.completedAt() != null) ? milestone.completedAt()
				: OffsetDateTime.now(this.clock);
		return this.repository.templateKey(viewer, milestone.projectId())
			.map((key) -> new Completion(viewer, milestone, key.orElse(null), at))
			.flatMapMany((completion) -> Flux.fromStream(this.effects.orderedStream())
				.concatMap((effect) -> effect.apply(completion)))
			.then();
	}

	/** The other features' rules for this action ({@link MilestoneGuard}), in order. */
	private Mono<Void> guarded(MilestoneAction action, Viewer viewer, Milestone milestone) {
		return Flux.fromStream(this.guards.orderedStream())
			.concatMap((guard) -> guard.check(action, viewer, milestone))
			.then();
	}

	/** Refuses completion while a criterion that is not advisory is unmet. */
	private Mono<Void> criteriaMet(Viewer viewer, Milestone milestone) {
		return this.repository.blockingCriteria(viewer, milestone.id()).collectList().flatMap((unmet) -> {
			if (unmet.isEmpty()) {
				return Mono.empty();
			}
			return Mono.error(new PorticoException.Conflict("CRITERIA_UNMET",
					unmet.size() + " acceptance criteri" + ((unmet.size() == 1) ? "on is" : "a are") + " not met yet: "
							+ unmet.stream().map(AcceptanceCriterion::text).toList(),
					Map.of("unmet",
							unmet.stream().map((c) -> Map.of("id", c.id().toString(), "text", c.text())).toList())));
		});
	}

	/**
	 * Marks a criterion met or unmet, with evidence. Staff may mark any; a CLIENT those
	 * of milestones its team owns. Not once the milestone is completed.
	 */
	public Mono<AcceptanceCriterion> setCriterionMet(String id, boolean met, @Nullable String evidence,
			@Nullable String documentId) {
		UUID criterion = Inputs.id("id", id);
		String checkedEvidence = Inputs.text("evidence", evidence);
		UUID document = (documentId != null) ? Inputs.id("documentId", documentId) : null;
		return this.database.forCurrentViewer((viewer) -> this.repository.criterionMilestone(viewer, criterion))
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Acceptance criterion", id)))
			.flatMap((milestoneId) -> write(milestoneId, null, Rule.WORK, (viewer, milestone) -> {
				Mono<Void> documentCheck = (document != null) ? documentOf(viewer, document, milestone) : Mono.empty();
				return documentCheck
					.then(this.repository.markCriterion(viewer, criterion, met, checkedEvidence, document))
					.flatMap((marked) -> this.repository.touch(viewer, milestone)
						.flatMap((updated) -> this.events.append(viewer,
								changed(viewer, milestone, updated,
										(met ? "Criterion met: " : "Criterion no longer met: ") + marked.text())))
						.thenReturn(marked));
			}));
	}

	/**
	 * Adds an acceptance criterion (staff only): scope, so refused with SCOPE_LOCKED once
	 * the project's scope is locked.
	 */
	public Mono<AcceptanceCriterion> addAcceptanceCriterion(String milestoneId, String text) {
		UUID uuid = Inputs.id("milestoneId", milestoneId);
		String checkedText = Inputs.name("text", text);
		return write(uuid, null, Rule.EDIT,
				(viewer, milestone) -> scopeOpen(viewer, milestone, "add acceptance criteria")
					.then(this.repository.addCriterion(viewer, milestone.id(), checkedText))
					.flatMap((added) -> this.repository.touch(viewer, milestone)
						.flatMap((updated) -> this.events.append(viewer,
								changed(viewer, milestone, updated, "Criterion added: " + checkedText)))
						.thenReturn(added)));
	}

	/**
	 * Hands something over for a milestone: staff, or a CLIENT on milestones its team
	 * owns; not once the milestone is completed.
	 */
	public Mono<Deliverable> submitDeliverable(String milestoneId, String name, @Nullable String url,
			@Nullable String documentId) {
		UUID uuid = Inputs.id("milestoneId", milestoneId);
		String checkedName = Inputs.name("name", name);
		String checkedUrl = Inputs.url("url", url);
		UUID document = (documentId != null) ? Inputs.id("documentId", documentId) : null;
		return write(uuid, null, Rule.WORK, (viewer, milestone) -> {
			Mono<Void> documentCheck = (document != null) ? documentOf(viewer, document, milestone) : Mono.empty();
			return documentCheck
				.then(this.repository.submitDeliverable(viewer, milestone.id(), checkedName, checkedUrl, document))
				.flatMap((submitted) -> this.repository.touch(viewer, milestone)
					.then(this.events.append(viewer,
							new DeliverableSubmitted(PortalEvent.UNASSIGNED, milestone.projectId(), milestone.id(),
									submitted.id(), viewer.subject(), OffsetDateTime.now(this.clock))))
					.thenReturn(submitted));
		});
	}

	private Mono<Void> documentOf(Viewer viewer, UUID documentId, Milestone milestone) {
		return this.repository.documentOfProject(viewer, documentId, milestone.projectId())
			.flatMap((found) -> found ? Mono.<Void>empty()
					: Mono.error(new PorticoException.NotFound("Document", documentId.toString())));
	}

	/** Refuses a change of scope once the project's scope is locked. */
	private Mono<Void> scopeOpen(Viewer viewer, Milestone milestone, String what) {
		return this.repository.scopeLockedAt(viewer, milestone.projectId())
			.flatMap((lockedAt) -> Mono.error(new PorticoException.Conflict("SCOPE_LOCKED",
					"The project's scope is locked since " + lockedAt.toLocalDate() + "; to " + what
							+ ", propose a change order (proposeChangeOrder)",
					Map.of("scopeLockedAt", lockedAt.toString(), "use", "proposeChangeOrder"))));
	}

	/**
	 * The frame of every milestone mutation: one transaction, the row locked so that
	 * concurrent writers are ordered by the database, the expected version checked, and
	 * the workflow consulted before the change runs.
	 */
	private <T> Mono<T> write(UUID id, @Nullable Integer expectedVersion, Rule rule, MilestoneChange<T> change) {
		return this.database.forCurrentViewer((viewer) -> this.repository.lock(viewer, id)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Milestone", id.toString())))
			.flatMap((milestone) -> {
				PorticoException.Conflict.expectVersion("milestone", expectedVersion, milestone.version());
				rule.check(milestone, viewer);
				return change.apply(viewer, milestone);
			}));
	}

	/**
	 * Refuses a start while a dependency is incomplete, internal ones included; the
	 * refusal names only the dependencies the viewer may see (a CLIENT learns that the
	 * rest waits on the team, nothing about it).
	 */
	private Mono<Void> dependenciesComplete(Viewer viewer, Milestone milestone) {
		return this.repository.incompleteDependencies(milestone.id()).collectList().flatMap((blockers) -> {
			if (blockers.isEmpty()) {
				return Mono.empty();
			}
			return this.repository.byIds(viewer, blockers.stream().map(MilestoneRepository.Blocker::id).toList())
				.map(Milestone::id)
				.collect(Collectors.toSet())
				.flatMap((visibleIds) -> {
					List<MilestoneRepository.Blocker> visible = blockers.stream()
						.filter((b) -> visibleIds.contains(b.id()))
						.toList();
					boolean hidden = visible.size() < blockers.size();
					Map<String, Object> details = new LinkedHashMap<>();
					if (!visible.isEmpty()) {
						MilestoneRepository.Blocker first = visible.get(0);
						details.put("dependency", Map.of("id", first.id().toString(), "name", first.name(), "status",
								first.status().name()));
					}
					details.put("incomplete", visible.stream().map(MilestoneRepository.Blocker::name).toList());
					details.put("waitingOnTeam", hidden);
					String message = visible.isEmpty() ? "Cannot start before the team finishes its work"
							: "Cannot start before '" + visible.get(0).name() + "' is completed";
					return Mono.error(new PorticoException.Conflict("DEPENDENCY_INCOMPLETE", message, details));
				});
		});
	}

	/** A check of the workflow that refuses by throwing, before a change runs. */
	@FunctionalInterface
	private interface Rule {

		Rule EDIT = (milestone, viewer) -> MilestoneWorkflow.next(MilestoneAction.EDIT, milestone, viewer);

		Rule WORK = MilestoneWorkflow::requireWork;

		/** Transitions consult the workflow themselves: it decides their next status. */
		Rule TRANSITION = (milestone, viewer) -> {
		};

		void check(Milestone milestone, Viewer viewer);

	}

	@FunctionalInterface
	private interface MilestoneChange<T> {

		Mono<T> apply(Viewer viewer, Milestone locked);

	}

	private MilestoneChanged changed(Viewer viewer, Milestone before, Milestone after, @Nullable String note) {
		return new MilestoneChanged(PortalEvent.UNASSIGNED, after.projectId(), after.id(), viewer.subject(),
				OffsetDateTime.now(this.clock), before.status(), after.status(), note);
	}

}
