package io.portico;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

import io.portico.security.TokenIssuer;
import io.portico.shared.Role;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the end-to-end tests: the whole service on a random port, over its embedded
 * PostgreSQL in a fresh data directory, called over real HTTP with real signed tokens.
 * All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ StatementCounting.class, FailingEffect.class })
public abstract class PorticoTest {

	public static final String BUILDER = "hearthstone-homes";

	public static final String AGENCY = "northlight-studio";

	public static final String SAAS = "relay-onboarding";

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	/** Sockets opened with {@link #socket}, closed when the test ends. */
	private final List<WebSocketGraphQlTester> openSockets = new ArrayList<>();

	@Autowired
	protected TokenIssuer tokens;

	@Autowired
	protected StatementCounter statements;

	@Autowired
	private R2dbcConnectionDetails connection;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("portico.data-dir", DATA_DIR::toString);
		registry.add("portico.embedded-binaries-dir",
				() -> Path.of("target", "pg-binaries").toAbsolutePath().toString());
		TestIdentityProviders.properties().forEach((key, value) -> registry.add(key, () -> value));
		// Small enough for a test to write more events than a resume may replay.
		registry.add("portico.events.max-replay", () -> "40");
	}

	private static Path createDataDir() {
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
			return Files.createTempDirectory(target, "test-data-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected HttpGraphQlTester staff(String tenant) {
		return tester(this.tokens.issue(tenant, Role.STAFF, "staff@" + tenant, null, List.of("site"),
				Duration.ofMinutes(10)));
	}

	protected HttpGraphQlTester admin(String tenant) {
		return tester(
				this.tokens.issue(tenant, Role.ADMIN, "admin@" + tenant, null, List.of(), Duration.ofMinutes(10)));
	}

	protected HttpGraphQlTester client(String tenant, String clientAccount) {
		return tester(this.tokens.issue(tenant, Role.CLIENT, "user@" + clientAccount, clientAccount, List.of(),
				Duration.ofMinutes(10)));
	}

	protected HttpGraphQlTester tester(@Nullable String token) {
		WebTestClient.Builder client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port + "/graphql")
			.responseTimeout(Duration.ofSeconds(30));
		if (token != null) {
			client.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return HttpGraphQlTester.create(client.build());
	}

	protected WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	/**
	 * The test database as its superuser, for what a test does behind the service's back
	 * (revoking a grant, resetting a flag) or checks past row-level security.
	 */
	protected DatabaseClient superuser() {
		return DatabaseClient.create(ConnectionFactories.get(this.connection.getConnectionFactoryOptions()
			.mutate()
			.option(ConnectionFactoryOptions.USER, "postgres")
			.build()));
	}

	/** A client account of its own for a test, so tests never see each other's data. */
	protected String newClientAccount(String tenant) {
		String id = "client-" + UUID.randomUUID().toString().substring(0, 8);
		staff(tenant).documentName("saveClientAccount")
			.variable("id", id)
			.variable("name", "Client " + id)
			.execute()
			.path("saveClientAccount.id")
			.entity(String.class)
			.isEqualTo(id);
		return id;
	}

	/**
	 * A new project for the client account from the template, with every acceptance
	 * criterion met so that its milestones may complete; its id.
	 */
	protected String newProject(String tenant, String clientAccount, String template) {
		String project = newProjectWithOpenCriteria(tenant, clientAccount, template);
		meetAllCriteria(tenant, project);
		return project;
	}

	/** Staff mark every acceptance criterion of the project met. */
	protected void meetAllCriteria(String tenant, String projectId) {
		meet(tenant,
				staff(tenant)
					.document("query($id: ID!) { project(id: $id) { milestones { acceptanceCriteria { id } } } }")
					.variable("id", projectId)
					.execute()
					.path("project.milestones[*].acceptanceCriteria[*].id")
					.entityList(String.class)
					.get());
	}

	/** Staff mark every acceptance criterion of the milestone met. */
	protected void meetCriteria(String tenant, String milestoneId) {
		meet(tenant,
				staff(tenant).document("query($id: ID!) { milestone(id: $id) { acceptanceCriteria { id } } }")
					.variable("id", milestoneId)
					.execute()
					.path("milestone.acceptanceCriteria[*].id")
					.entityList(String.class)
					.get());
	}

	private void meet(String tenant, List<String> criteria) {
		for (String criterion : criteria) {
			staff(tenant).document("mutation($id: ID!) { setCriterionMet(id: $id, met: true) { met } }")
				.variable("id", criterion)
				.execute()
				.path("setCriterionMet.met")
				.entity(Boolean.class)
				.isEqualTo(true);
		}
	}

	/** A new project for the client account from the template, criteria unmet; its id. */
	protected String newProjectWithOpenCriteria(String tenant, String clientAccount, String template) {
		return staff(tenant).documentName("createProject")
			.variable("input",
					Map.of("templateKey", template, "name", "Project for " + clientAccount, "clientAccountId",
							clientAccount, "startDate", java.time.LocalDate.now().toString(), "contractValue",
							"125000.50"))
			.execute()
			.path("createProject.id")
			.entity(String.class)
			.get();
	}

	/** The id of a milestone of the project, by template key. */
	protected String milestoneId(HttpGraphQlTester tester, String projectId, String key) {
		List<Map<String, Object>> milestones = tester.documentName("projectMilestones")
			.variable("id", projectId)
			.execute()
			.path("project.milestones")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		return milestones.stream()
			.filter((m) -> key.equals(m.get("key")))
			.map((m) -> (String) m.get("id"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No milestone " + key + " in " + milestones));
	}

	/**
	 * The cursor of the project's first event (its creation). Subscribing with it as
	 * {@code after} replays whatever commits before the server has registered the
	 * subscription, as a resuming portal does, so live tests never race the subscribe.
	 */
	protected String creationCursor(String tenant, String project) {
		return staff(tenant).documentName("activity")
			.variable("id", project)
			.execute()
			.path("project.activity.edges[0].cursor")
			.entity(String.class)
			.get();
	}

	/**
	 * A started graphql-transport-ws connection, authenticated in connection_init; it is
	 * closed when the test ends.
	 */
	protected WebSocketGraphQlTester socket(String token) {
		WebSocketGraphQlTester tester = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new ReactorNettyWebSocketClient())
			.interceptor(new WebSocketGraphQlClientInterceptor() {
				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + token));
				}
			})
			.build();
		tester.start().block(Duration.ofSeconds(10));
		this.openSockets.add(tester);
		return tester;
	}

	@AfterEach
	void closeSockets() {
		this.openSockets.forEach((socket) -> socket.stop().block(Duration.ofSeconds(5)));
		this.openSockets.clear();
	}

	/**
	 * A subscription over Server-Sent Events with a bearer token: its {@code next}
	 * events' data, as JSON text.
	 */
	protected Flux<String> sse(String token, String query, Map<String, Object> variables) {
		return WebClient.create("http://localhost:" + this.port)
			.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("query", query, "variables", variables))
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.filter((event) -> "next".equals(event.event()))
			.mapNotNull(ServerSentEvent::data);
	}

	/** Runs a milestone operation document that takes just the milestone id. */
	protected static HttpGraphQlTester.Response act(HttpGraphQlTester tester, String operation, String milestoneId) {
		return tester.documentName(operation).variable("id", milestoneId).execute();
	}

	/** Runs operations in order on one milestone, each expected to succeed. */
	protected static void walk(HttpGraphQlTester tester, String milestoneId, String... operations) {
		for (String operation : operations) {
			act(tester, operation, milestoneId).path(operation + ".id").entity(String.class).isEqualTo(milestoneId);
		}
	}

	/**
	 * Takes a milestone from wherever it stands to COMPLETED the way its approval mode
	 * asks: staff do the work, and staff or the client account approve.
	 */
	protected void completeMilestone(String tenant, String clientAccount, String milestoneId) {
		HttpGraphQlTester staff = staff(tenant);
		Map<String, Object> milestone = staff.document("query($id: ID!) { milestone(id: $id) { status approval } }")
			.variable("id", milestoneId)
			.execute()
			.path("milestone")
			.entity(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		passRequiredChecks(staff, milestoneId);
		String status = (String) milestone.get("status");
		if ("PLANNED".equals(status)) {
			walk(staff, milestoneId, "startMilestone");
		}
		if ("NONE".equals(milestone.get("approval"))) {
			walk(staff, milestoneId, "completeMilestone");
			return;
		}
		if (!"AWAITING_APPROVAL".equals(status)) {
			walk(staff, milestoneId, "submitMilestone");
		}
		walk("CLIENT".equals(milestone.get("approval")) ? client(tenant, clientAccount) : staff, milestoneId,
				"approveMilestone");
	}

	/**
	 * Staff report every check the milestone requires (an integration milestone) as
	 * passing, as its integration would.
	 */
	@SuppressWarnings("unchecked")
	protected static void passRequiredChecks(HttpGraphQlTester staff, String milestoneId) {
		Map<String, Object> milestone = staff
			.document("query($id: ID!) { milestone(id: $id) { requiredChecks project { id } } }")
			.variable("id", milestoneId)
			.execute()
			.path("milestone")
			.entity(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		for (String check : (List<String>) milestone.get("requiredChecks")) {
			staff.document("mutation($input: RecordCheckInput!) { recordIntegrationCheck(input: $input) { status } }")
				.variable("input",
						Map.of("projectId", ((Map<String, Object>) milestone.get("project")).get("id"), "name", check,
								"status", "PASSING"))
				.execute()
				.path("recordIntegrationCheck.status")
				.entity(String.class)
				.isEqualTo("PASSING");
		}
	}

	/** The kinds of the project's latest 100 events the viewer sees, newest first. */
	protected static List<String> activityTypes(HttpGraphQlTester tester, String project) {
		return tester
			.document("query($id: ID!) { project(id: $id) { activity(first: 100) { edges { node { __typename } } } } }")
			.variable("id", project)
			.execute()
			.path("project.activity.edges[*].node.__typename")
			.entityList(String.class)
			.get();
	}

	/**
	 * Staff attach a document to the project, locked behind the milestone if one is
	 * given; its id.
	 */
	protected static String attach(HttpGraphQlTester staff, String project, @Nullable String milestone, String name) {
		Map<String, Object> input = new HashMap<>(Map.of("projectId", project, "name", name));
		if (milestone != null) {
			input.put("milestoneId", milestone);
		}
		return staff.document("mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { id } }")
			.variable("input", input)
			.execute()
			.path("attachDocument.id")
			.entity(String.class)
			.get();
	}

	/** The extensions of the one error a response carries. */
	protected static Map<String, Object> errorOf(HttpGraphQlTester.Response response) {
		List<Map<String, Object>> errors = new ArrayList<>();
		response.errors().satisfy((list) -> list.forEach((e) -> errors.add(e.getExtensions())));
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

	/** The code of the one error a response carries. */
	protected static String errorCode(HttpGraphQlTester.Response response) {
		return (String) errorOf(response).get("code");
	}

	/**
	 * Sends the same approval from every approver at the same moment; the error
	 * extensions of each answer, empty for the approval that went through.
	 */
	protected static List<List<Map<String, Object>>> approveAtOnce(List<HttpGraphQlTester> approvers,
			String milestoneId) throws Exception {
		CountDownLatch ready = new CountDownLatch(approvers.size());
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(approvers.size());
		try {
			List<Future<List<Map<String, Object>>>> results = new ArrayList<>();
			for (HttpGraphQlTester approver : approvers) {
				results.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					List<Map<String, Object>> errors = new ArrayList<>();
					approver.documentName("approveMilestone")
						.variable("id", milestoneId)
						.execute()
						.errors()
						.satisfy((list) -> list.forEach((e) -> errors.add(e.getExtensions())));
					return errors;
				}));
			}
			ready.await();
			go.countDown();
			List<List<Map<String, Object>>> outcomes = new ArrayList<>();
			for (Future<List<Map<String, Object>>> result : results) {
				outcomes.add(result.get());
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * A GraphQL request over HTTP with a bearer token, its status and body as they come.
	 */
	protected EntityExchangeResult<Map<String, Object>> post(String token, String query,
			Map<String, Object> variables) {
		return http().post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", query, "variables", variables))
			.exchange()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult();
	}

	/**
	 * The statements a request sends, the fewest of three tries: the service reads its
	 * event log in the background after commits, and a try that overlaps such a read
	 * counts it too.
	 */
	protected long fewestStatements(Runnable request) {
		return fewest(this.statements::count, request);
	}

	/** The tenant-scoped transactions a request opens, the fewest of three tries. */
	protected long fewestScopes(Runnable request) {
		return fewest(this.statements::scopes, request);
	}

	private long fewest(LongSupplier counter, Runnable request) {
		return LongStream.range(0, 3).map((run) -> {
			// Let the background reads of earlier commits finish first.
			AtomicLong seen = new AtomicLong(-1);
			Awaitility.await()
				.pollInterval(Duration.ofMillis(25))
				.during(Duration.ofMillis(100))
				.atMost(Duration.ofSeconds(5))
				.until(() -> counter.getAsLong() == seen.getAndSet(counter.getAsLong()));
			long before = counter.getAsLong();
			request.run();
			return counter.getAsLong() - before;
		}).min().orElseThrow();
	}

	/** Counts SQL statements the service sends, to prove batching. */
	public static final class StatementCounter implements ProxyExecutionListener {

		private final AtomicLong count = new AtomicLong();

		private final AtomicLong scopes = new AtomicLong();

		/** Statements by their text; the texts are few, one per statement shape. */
		private final Map<String, AtomicLong> byText = new ConcurrentHashMap<>();

		@Override
		public void afterQuery(QueryExecutionInfo execution) {
			this.count.addAndGet(execution.getQueries().size());
			execution.getQueries().forEach((query) -> {
				this.byText.computeIfAbsent(query.getQuery(), (text) -> new AtomicLong()).incrementAndGet();
				if (query.getQuery().contains("set_config('portico.tenant_id'")) {
					this.scopes.incrementAndGet();
				}
			});
		}

		public long count() {
			return this.count.get();
		}

		/**
		 * Statements so far whose text contains the fragment: what one request sent,
		 * whatever the service does in the background meanwhile (the event bus reads the
		 * log after each commit).
		 */
		public long count(String fragment) {
			return this.byText.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().contains(fragment))
				.mapToLong((entry) -> entry.getValue().get())
				.sum();
		}

		/** Transactions scoped to a tenant so far: each sets the tenant once. */
		public long scopes() {
			return this.scopes.get();
		}

	}

}
