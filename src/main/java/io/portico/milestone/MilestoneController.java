package io.portico.milestone;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.portico.document.Document;
import io.portico.document.DocumentService;
import io.portico.graphql.Batches;
import io.portico.milestone.MilestoneDetails.AcceptanceCriterion;
import io.portico.milestone.MilestoneDetails.Deliverable;
import io.portico.milestone.MilestoneDetails.SignOff;
import io.portico.shared.CurrentViewer;
import io.portico.shared.StaffOnly;
import io.portico.document.DocumentUnlocked;
import io.portico.live.LiveEvents;
import io.portico.live.LiveShare;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Milestones: the query, the workflow mutations and the batched relation fields.
 */
@Controller
class MilestoneController {

	private final MilestoneService milestones;

	private final DocumentService documents;

	private final LiveEvents live;

	MilestoneController(MilestoneService milestones, DocumentService documents, LiveEvents live,
			BatchLoaderRegistry loaders) {
		this.milestones = milestones;
		this.documents = documents;
		this.live = live;
		// One schedule per project for all the schedule fields of a level (a project's
		// progress, health, forecast and next milestone; each milestone's health and
		// forecast): they load in the same dispatch and the batch takes each project
		// once.
		// Not cached beyond the batch: a subscription keeps its DataLoaders for all its
		// events, and a schedule cached by project id would go stale between them.
		loaders.forTypePair(UUID.class, ProjectSchedule.class)
			.withOptions((options) -> options.setCachingEnabled(false))
			.registerMappedBatchLoader((projectIds, environment) -> this.milestones.schedules(projectIds));
	}

	@SubscriptionMapping
	Flux<MilestoneChanged> milestoneChanged(@Argument @Nullable String projectId,
			@ContextValue(name = LiveShare.CONTEXT_KEY, required = false) @Nullable LiveShare share) {
		return this.live.stream(projectId, null, share, MilestoneChanged.class);
	}

	@QueryMapping
	Mono<Milestone> milestone(@Argument String id) {
		return this.milestones.milestone(id);
	}

	@MutationMapping
	Mono<Milestone> updateMilestone(@Argument UpdateMilestoneInput input) {
		return this.milestones.update(input.id(), input.expectedVersion(), input.name(), input.description(),
				input.dueDate(), input.ownerTeam(), input.clientVisible());
	}

	@MutationMapping
	Mono<Milestone> startMilestone(@Argument String id, @Argument @Nullable Integer expectedVersion) {
		return this.milestones.start(id, expectedVersion);
	}

	@MutationMapping
	Mono<Milestone> submitMilestone(@Argument String id, @Argument @Nullable Integer expectedVersion,
			@Argument @Nullable String note) {
		return this.milestones.submit(id, expectedVersion, note);
	}

	@MutationMapping
	Mono<Milestone> approveMilestone(@Argument String id, @Argument @Nullable Integer expectedVersion,
			@Argument @Nullable String note) {
		return this.milestones.approve(id, expectedVersion, note);
	}

	@MutationMapping
	Mono<Milestone> requestChanges(@Argument String id, @Argument @Nullable Integer expectedVersion,
			@Argument String reason) {
		return this.milestones.requestChanges(id, expectedVersion, reason);
	}

	@MutationMapping
	Mono<Milestone> completeMilestone(@Argument String id, @Argument @Nullable Integer expectedVersion) {
		return this.milestones.complete(id, expectedVersion);
	}

	@MutationMapping
	Mono<AcceptanceCriterion> setCriterionMet(@Argument String id, @Argument boolean met,
			@Argument @Nullable String evidence, @Argument @Nullable String documentId) {
		return this.milestones.setCriterionMet(id, met, evidence, documentId);
	}

	@MutationMapping
	Mono<List<BaselineEntry>> simulateSlip(@Argument String milestoneId, @Argument int days) {
		return this.milestones.simulateSlip(milestoneId, days);
	}

	@MutationMapping
	@StaffOnly
	Mono<AcceptanceCriterion> addAcceptanceCriterion(@Argument String milestoneId, @Argument String text) {
		return this.milestones.addAcceptanceCriterion(milestoneId, text);
	}

	@MutationMapping
	Mono<Deliverable> submitDeliverable(@Argument SubmitDeliverableInput input) {
		return this.milestones.submitDeliverable(input.milestoneId(), input.name(), input.url(), input.documentId());
	}

	@BatchMapping
	Mono<Map<Milestone, ApprovalNote>> approvalNote(List<Milestone> milestones) {
		return this.milestones.approvalNotes(milestones)
			.map((notes) -> Batches.byKey(milestones, (m) -> notes.get(m.id())));
	}

	@BatchMapping(typeName = "AcceptanceCriterion", field = "document")
	Mono<Map<AcceptanceCriterion, Document>> criterionDocument(List<AcceptanceCriterion> criteria) {
		return this.documents
			.byIds(criteria.stream().map(AcceptanceCriterion::documentId).filter(Objects::nonNull).distinct().toList())
			.map((found) -> Batches.byKey(criteria,
					(c) -> (c.documentId() != null) ? found.get(c.documentId()) : null));
	}

	@BatchMapping(typeName = "Deliverable", field = "document")
	Mono<Map<Deliverable, Document>> deliverableDocument(List<Deliverable> deliverables) {
		return this.documents
			.byIds(deliverables.stream().map(Deliverable::documentId).filter(Objects::nonNull).distinct().toList())
			.map((found) -> Batches.byKey(deliverables,
					(d) -> (d.documentId() != null) ? found.get(d.documentId()) : null));
	}

	@BatchMapping(typeName = "DeliverableSubmitted", field = "milestone")
	Mono<Map<DeliverableSubmitted, Milestone>> submittedFor(List<DeliverableSubmitted> events) {
		return this.milestones.byIds(events.stream().map(DeliverableSubmitted::milestoneId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.milestoneId())));
	}

	@BatchMapping(typeName = "DeliverableSubmitted", field = "deliverable")
	Mono<Map<DeliverableSubmitted, Deliverable>> submitted(List<DeliverableSubmitted> events) {
		return this.milestones
			.deliverablesByIds(events.stream().map(DeliverableSubmitted::deliverableId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.deliverableId())));
	}

	@BatchMapping(typeName = "ScopeLocked", field = "milestone")
	Mono<Map<ScopeLocked, Milestone>> lockedBy(List<ScopeLocked> events) {
		return this.milestones.of(events, ScopeLocked::milestoneId);
	}

	@SchemaMapping
	Mono<List<MilestoneAction>> allowedActions(Milestone milestone) {
		return CurrentViewer.get().map((viewer) -> this.milestones.allowedActions(milestone, viewer));
	}

	@BatchMapping
	Mono<Map<Milestone, List<Milestone>>> dependsOn(List<Milestone> milestones) {
		return this.milestones.dependsOn(ids(milestones))
			.map((found) -> Batches.byKey(milestones, (m) -> found.getOrDefault(m.id(), List.of())));
	}

	@BatchMapping
	Mono<Map<Milestone, List<AcceptanceCriterion>>> acceptanceCriteria(List<Milestone> milestones) {
		return this.milestones.criteria(ids(milestones))
			.map((found) -> Batches.byKey(milestones, (m) -> found.getOrDefault(m.id(), List.of())));
	}

	@BatchMapping
	Mono<Map<Milestone, List<Deliverable>>> deliverables(List<Milestone> milestones) {
		return this.milestones.deliverables(ids(milestones))
			.map((found) -> Batches.byKey(milestones, (m) -> found.getOrDefault(m.id(), List.of())));
	}

	@BatchMapping
	Mono<Map<Milestone, SignOff>> signOff(List<Milestone> milestones) {
		return this.milestones.signOffs(ids(milestones))
			.map((found) -> Batches.byKey(milestones, (m) -> found.get(m.id())));
	}

	@SchemaMapping
	CompletableFuture<ScheduleHealth> health(Milestone milestone, DataLoader<UUID, ProjectSchedule> schedules) {
		return schedules.load(milestone.projectId()).thenApply((schedule) -> schedule.health(milestone));
	}

	@SchemaMapping
	CompletableFuture<@Nullable LocalDate> forecastDate(Milestone milestone,
			DataLoader<UUID, ProjectSchedule> schedules) {
		return schedules.load(milestone.projectId()).thenApply((schedule) -> schedule.forecast(milestone));
	}

	@BatchMapping(typeName = "MilestoneChanged", field = "milestone")
	Mono<Map<MilestoneChanged, Milestone>> changedMilestone(List<MilestoneChanged> events) {
		return this.milestones.byIds(events.stream().map(MilestoneChanged::milestoneId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.milestoneId())));
	}

	@BatchMapping
	Mono<Map<Milestone, List<Document>>> unlocksDocuments(List<Milestone> milestones) {
		return this.documents.byMilestones(ids(milestones))
			.map((found) -> Batches.byKey(milestones, (m) -> found.getOrDefault(m.id(), List.of())));
	}

	@BatchMapping(typeName = "Document", field = "unlockedBy")
	Mono<Map<Document, Milestone>> unlockedBy(List<Document> documents) {
		return this.milestones.of(documents, Document::milestoneId);
	}

	@BatchMapping(typeName = "DocumentUnlocked", field = "milestone")
	Mono<Map<DocumentUnlocked, Milestone>> unlockingMilestone(List<DocumentUnlocked> events) {
		return this.milestones.of(events, DocumentUnlocked::milestoneId);
	}

	private static List<UUID> ids(List<Milestone> milestones) {
		return milestones.stream().map(Milestone::id).distinct().toList();
	}

	record SubmitDeliverableInput(String milestoneId, String name, @Nullable String url, @Nullable String documentId) {
	}

	record UpdateMilestoneInput(String id, @Nullable Integer expectedVersion, @Nullable String name,
			@Nullable String description, @Nullable LocalDate dueDate, @Nullable String ownerTeam,
			@Nullable Boolean clientVisible) {
	}

}
