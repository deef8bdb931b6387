package io.portico.project;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.portico.database.TenantDatabase;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.milestone.MilestoneService;
import io.portico.project.Project.ClientAccount;
import io.portico.project.Project.ProjectStatus;
import io.portico.shared.Cursors;
import io.portico.sqlread.PageRead;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Inputs;
import io.portico.shared.Page;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantConfig;
import io.portico.tenant.TenantRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * Projects and the client accounts they belong to. A project is created from a template
 * of the viewer's tenant, with its milestones and its event, in one transaction.
 */
@Service
public class ProjectService {

	static final int MAX_PAGE = 100;

	private static final BigDecimal MAX_CONTRACT = new BigDecimal("999999999999.99");

	private final TenantDatabase database;

	private final ProjectRepository repository;

	private final MilestoneService milestones;

	private final EventLog events;

	private final TenantRegistry tenants;

	// Looked up per project, not injected: the features that set projects up use this
	// service themselves.
	private final ObjectProvider<ProjectSetup> setups;

	private final Clock clock;

	ProjectService(TenantDatabase database, ProjectRepository repository, MilestoneService milestones, EventLog events,
			TenantRegistry tenants, ObjectProvider<ProjectSetup> setups, Clock clock) {
		this.database = database;
		this.setups = setups;
		this.repository = repository;
		this.milestones = milestones;
		this.events = events;
		this.tenants = tenants;
		this.clock = clock;
	}

	/** The project feature records project creations in the log. */
	@Bean
	static EventKind<ProjectCreated> projectCreatedKind() {
		return ProjectCreated.KIND;
	}

	public Mono<Page<Project>> projects(@Nullable Integer first, @Nullable String after,
			@Nullable List<ProjectStatus> statuses) {
		int size = Inputs.pageSize(first, MAX_PAGE);
		ProjectRepository.Cursor cursor = decode(after);
		List<String> filter = filter(statuses);
		return this.database
			.forCurrentViewer((viewer) -> this.repository.page(viewer, cursor, filter, size + 1).collectList())
			.map((rows) -> Page.of(rows, size, ProjectService::encode, after != null));
	}

	/**
	 * How to read the same page as {@link #projects} in one statement, each project read
	 * as the JSON the database builds with {@code nodeJson} (see io.portico.sqlread).
	 * Refuses the same arguments, before anything runs.
	 */
	PageRead<ProjectRepository.JsonRow> projectsAsJson(@Nullable Integer first, @Nullable String after,
			@Nullable List<ProjectStatus> statuses, String nodeJson, boolean cursors) {
		int size = Inputs.pageSize(first, MAX_PAGE);
		ProjectRepository.Cursor cursor = decode(after);
		List<String> filter = filter(statuses);
		return new PageRead<>(
				(viewer) -> ProjectRepository.jsonPage(viewer, nodeJson, cursors, cursor, filter, size + 1),
				(row) -> ProjectRepository.jsonRow(row, cursors), (rows) -> Page.of(rows, size,
						(row) -> encode(Objects.requireNonNull(row.cursor(), "read without cursors")), after != null));
	}

	private static List<String> filter(@Nullable List<ProjectStatus> statuses) {
		return (statuses != null) ? statuses.stream().map(Enum::name).toList() : List.of();
	}

	/** The project, or empty when it does not exist or the viewer may not see it. */
	public Mono<Project> project(String id) {
		UUID uuid = Inputs.id("id", id);
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, List.of(uuid)).next());
	}

	public Mono<Map<UUID, Project>> byIds(Collection<UUID> ids) {
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, ids).collectMap(Project::id));
	}

	public Mono<Map<String, ClientAccount>> clientAccounts(Collection<String> ids) {
		return this.database
			.forCurrentViewer((viewer) -> this.repository.clientAccounts(viewer, ids).collectMap(ClientAccount::id));
	}

	/** Every client account the viewer may see: all for staff, its own for a client. */
	public Mono<List<ClientAccount>> clientAccounts() {
		return this.database.forCurrentViewer((viewer) -> this.repository.clientAccounts(viewer, null).collectList());
	}

	/**
	 * One page of activity per requested project. Requests with the same page arguments
	 * (the usual case: one field in one query) share a single statement.
	 */
	public Mono<Map<ActivityPage, Page<PortalEvent>>> activity(Collection<ActivityPage> requests) {
		Map<ActivityPage.Arguments, List<ActivityPage>> byArguments = requests.stream()
			.collect(Collectors.groupingBy(ActivityPage::arguments));
		return this.database.forCurrentViewer((viewer) -> Flux.fromIterable(byArguments.entrySet())
			.concatMap((group) -> this.events
				.pages(viewer, group.getValue().stream().map(ActivityPage::projectId).toList(), group.getKey().first(),
						group.getKey().after())
				.flatMapIterable((pages) -> group.getValue()
					.stream()
					.map((request) -> Map.entry(request, pages.get(request.projectId())))
					.toList()))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * A request for one page of a project's activity, checked before it joins a batch.
	 *
	 * @param projectId the project
	 * @param arguments the page asked for
	 */
	public record ActivityPage(UUID projectId, Arguments arguments) {

		public static ActivityPage of(UUID projectId, @Nullable Integer first, @Nullable String after) {
			EventLog.checkCursor(after);
			return new ActivityPage(projectId, new Arguments(Inputs.pageSize(first, MAX_PAGE), after));
		}

		public record Arguments(int first, @Nullable String after) {
		}

	}

	/** Creates or renames a client account (staff only). */
	public Mono<ClientAccount> saveClientAccount(String id, String name) {
		ClientAccount account = new ClientAccount(Inputs.key("id", id, "INVALID_ID"), Inputs.name("name", name));
		return this.database.forCurrentViewer((viewer) -> this.repository.upsertClientAccount(viewer, account));
	}

	/**
	 * Adds an approved change order's cost to the contract value, inside the caller's
	 * transaction.
	 */
	public Mono<Void> addToContractValue(Viewer viewer, UUID projectId, BigDecimal delta) {
		return this.repository.addToContractValue(viewer, projectId, delta);
	}

	public Mono<Project> createProject(String templateKey, String name, String clientAccountId, LocalDate startDate,
			@Nullable LocalDate targetDate, @Nullable BigDecimal contractValue) {
		String projectName = Inputs.name("name", name);
		Inputs.date("startDate", startDate);
		Inputs.date("targetDate", targetDate);
		BigDecimal value = contractValue(contractValue);
		if (targetDate != null && targetDate.isBefore(startDate)) {
			throw new PorticoException.Invalid("END_BEFORE_START", "'targetDate' is before 'startDate'", "targetDate");
		}
		return CurrentViewer.get().flatMap((viewer) -> {
			TenantConfig config = this.tenants.byId(viewer.tenantId()).config();
			TenantConfig.ProjectTemplate template = config.template(templateKey);
			if (template == null) {
				return Mono.error(new PorticoException.Invalid("UNKNOWN_TEMPLATE",
						"No template '" + templateKey + "'; use one of "
								+ config.templates().stream().map(TenantConfig.ProjectTemplate::key).toList(),
						"templateKey"));
			}
			LocalDate target = (targetDate != null) ? targetDate
					: startDate.plusDays(template.milestones()
						.stream()
						.mapToInt(TenantConfig.MilestoneTemplate::dueOffsetDays)
						.max()
						.orElse(0));
			Project project = new Project(UUID.randomUUID(), clientAccountId, projectName, ProjectStatus.ACTIVE,
					template.key(), startDate, target, value, config.currency(),
					OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.MICROS), null);
			return this.database.one(viewer, () -> this.repository.clientAccounts(viewer, List.of(clientAccountId))
				.hasElements()
				.flatMap((exists) -> exists ? this.repository.insert(viewer, project)
						: Mono.error(new PorticoException.NotFound("Client account", clientAccountId)))
				.then(this.milestones.layOut(viewer, project.id(), template, startDate))
				.flatMap((laidOut) -> Flux.fromStream(this.setups.orderedStream())
					.concatMap((setup) -> setup.apply(new ProjectSetup.NewProject(viewer, project, template, laidOut)))
					.then())
				.then(this.events.append(viewer,
						new ProjectCreated(PortalEvent.UNASSIGNED, project.id(), viewer.subject(),
								OffsetDateTime.now(this.clock))))
				.thenReturn(project));
		});
	}

	private static @Nullable BigDecimal contractValue(@Nullable BigDecimal value) {
		if (value == null) {
			return null;
		}
		if (value.signum() < 0 || value.compareTo(MAX_CONTRACT) > 0 || value.stripTrailingZeros().scale() > 2) {
			throw new PorticoException.Invalid("INVALID_AMOUNT",
					"'contractValue' must be between 0 and " + MAX_CONTRACT + " with at most two decimals",
					"contractValue");
		}
		return value.setScale(2);
	}

	private static String encode(Project project) {
		return encode(project.createdAt(), project.id());
	}

	private static String encode(ProjectRepository.Cursor cursor) {
		return encode(cursor.createdAt(), cursor.id());
	}

	private static String encode(OffsetDateTime createdAt, UUID id) {
		return Cursors.encode("project", createdAt.toInstant() + "|" + id);
	}

	private static ProjectRepository.@Nullable Cursor decode(@Nullable String after) {
		String value = Cursors.decode("project", after);
		if (value == null) {
			return null;
		}
		try {
			String[] parts = value.split("\\|", 2);
			return new ProjectRepository.Cursor(
					OffsetDateTime.ofInstant(java.time.Instant.parse(parts[0]), ZoneOffset.UTC),
					UUID.fromString(parts[1]));
		}
		catch (RuntimeException ex) {
			throw new PorticoException.Invalid("INVALID_CURSOR", "'after' is not a cursor of this list", "after");
		}
	}

}
