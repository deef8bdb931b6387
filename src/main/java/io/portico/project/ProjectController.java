package io.portico.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import graphql.relay.Connection;
import io.portico.document.Document;
import io.portico.document.DocumentService;
import io.portico.event.PortalEvent;
import io.portico.graphql.Batches;
import io.portico.graphql.Connections;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.milestone.BaselineEntry;
import io.portico.milestone.ProjectSchedule;
import io.portico.milestone.ScheduleHealth;
import io.portico.project.Project.ClientAccount;
import io.portico.project.Project.Money;
import io.portico.project.Project.ProjectStatus;
import io.portico.project.ProjectService.ActivityPage;
import io.portico.shared.Page;
import io.portico.shared.StaffOnly;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Projects and everything that points at one. Every list-valued or related field is a
 * {@code @BatchMapping}: one query per field per request, however many projects.
 */
@Controller
class ProjectController {

	private final ProjectService projects;

	private final MilestoneService milestones;

	private final DocumentService documents;

	ProjectController(ProjectService projects, MilestoneService milestones, DocumentService documents,
			BatchLoaderRegistry loaders) {
		this.projects = projects;
		this.milestones = milestones;
		this.documents = documents;
		// Named as Spring for GraphQL names the loader of a DataLoader<?, Page<...>>
		// argument.
		loaders.<ActivityPage, Page<PortalEvent>>forName(Page.class.getName())
			.registerMappedBatchLoader((requests, environment) -> this.projects.activity(requests));
	}

	@QueryMapping
	Mono<Connection<Project>> projects(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable List<ProjectStatus> status) {
		return this.projects.projects(first, after, status).map(Connections::of);
	}

	@QueryMapping
	Mono<Project> project(@Argument String id) {
		return this.projects.project(id);
	}

	@QueryMapping
	Mono<List<ClientAccount>> clientAccounts() {
		return this.projects.clientAccounts();
	}

	@MutationMapping
	@StaffOnly
	Mono<Project> createProject(@Argument CreateProjectInput input) {
		return this.projects.createProject(input.templateKey(), input.name(), input.clientAccountId(),
				input.startDate(), input.targetDate(), input.contractValue());
	}

	@MutationMapping
	@StaffOnly
	Mono<ClientAccount> saveClientAccount(@Argument SaveClientAccountInput input) {
		return this.projects.saveClientAccount(input.id(), input.name());
	}

	@SchemaMapping
	@Nullable Money contractValue(Project project) {
		return (project.contractValue() != null) ? new Money(project.contractValue(), project.currency()) : null;
	}

	@BatchMapping
	Mono<Map<Project, ClientAccount>> client(List<Project> projects) {
		return this.projects.clientAccounts(projects.stream().map(Project::clientAccountId).distinct().toList())
			.map((accounts) -> Batches.byKey(projects, (p) -> accounts.get(p.clientAccountId())));
	}

	@BatchMapping
	Mono<Map<Project, List<Milestone>>> milestones(List<Project> projects) {
		return this.milestones.byProjects(ids(projects))
			.map((byProject) -> Batches.byKey(projects, (p) -> byProject.getOrDefault(p.id(), List.of())));
	}

	// The schedule fields read the schedule DataLoader of the milestone feature: one
	// schedule per project per request, whichever of them a query selects.
	@SchemaMapping
	CompletableFuture<Progress> progress(Project project, DataLoader<UUID, ProjectSchedule> schedules) {
		return schedules.load(project.id()).thenApply((s) -> new Progress(s.completed(), s.total(), s.percent()));
	}

	@SchemaMapping
	CompletableFuture<List<BaselineEntry>> baseline(Project project, DataLoader<UUID, ProjectSchedule> schedules) {
		return schedules.load(project.id()).thenApply(ProjectSchedule::baseline);
	}

	@SchemaMapping
	CompletableFuture<ScheduleHealth> health(Project project, DataLoader<UUID, ProjectSchedule> schedules) {
		return schedules.load(project.id()).thenApply((s) -> s.health(project.targetDate()));
	}

	@SchemaMapping
	CompletableFuture<@Nullable LocalDate> forecastDate(Project project, DataLoader<UUID, ProjectSchedule> schedules) {
		return schedules.load(project.id()).thenApply((s) -> s.forecastDate(project.targetDate()));
	}

	@SchemaMapping
	CompletableFuture<@Nullable Milestone> nextMilestone(Project project, DataLoader<UUID, ProjectSchedule> schedules) {
		return schedules.load(project.id()).thenApply(ProjectSchedule::nextMilestone);
	}

	// Activity takes page arguments, which @BatchMapping cannot; a DataLoader keyed by
	// (project, page) batches it instead, so a list of projects costs one statement.
	@SchemaMapping
	CompletableFuture<Connection<PortalEvent>> activity(Project project, @Argument @Nullable Integer first,
			@Argument @Nullable String after, DataLoader<ActivityPage, Page<PortalEvent>> pages) {
		return pages.load(ActivityPage.of(project.id(), first, after)).thenApply(Connections::of);
	}

	@BatchMapping(typeName = "Milestone", field = "project")
	Mono<Map<Milestone, Project>> milestoneProject(List<Milestone> milestones) {
		return this.projects.byIds(milestones.stream().map(Milestone::projectId).distinct().toList())
			.map((found) -> Batches.byKey(milestones, (m) -> found.get(m.projectId())));
	}

	@BatchMapping
	Mono<Map<Project, List<Document>>> documents(List<Project> projects) {
		return this.documents.byProjects(ids(projects))
			.map((byProject) -> Batches.byKey(projects, (p) -> byProject.getOrDefault(p.id(), List.of())));
	}

	private static List<UUID> ids(List<Project> projects) {
		return projects.stream().map(Project::id).toList();
	}

	record CreateProjectInput(String templateKey, String name, String clientAccountId, LocalDate startDate,
			@Nullable BigDecimal contractValue, @Nullable LocalDate targetDate) {
	}

	record SaveClientAccountInput(String id, String name) {
	}

	record Progress(int completed, int total, int percent) {
	}

}
