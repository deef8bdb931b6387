package io.portico.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;

import graphql.ExecutionResult;
import io.portico.PorticoTest;
import io.portico.shared.PorticoException;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.Tenant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscribers of the same subscription under the same lens share one execution per event;
 * each keeps its own replay, backlog and token expiry.
 */
class SharedDeliveryTests extends PorticoTest {

	private static final String CHANGES = """
			subscription($projectId: ID, $after: String) {
			  portalEvents(projectId: $projectId, after: $after) {
			    cursor
			    ... on MilestoneChanged { status milestone { key name dependsOn { key } } }
			  }
			}
			""";

	@Autowired
	private SharedGroups groups;

	@Test
	void subscribersWithTheSameSubscriptionAndLensShareOneExecution() throws Exception {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		String created = creationCursor(BUILDER, project);
		int groupsBefore = this.groups.size();
		int membersBefore = this.groups.members();
		List<WebSocketGraphQlTester> sockets = new ArrayList<>();
		List<CompletableFuture<List<Map<String, Object>>>> received = new ArrayList<>();
		try {
			for (String subject : List.of("kim", "lee", "max")) {
				WebSocketGraphQlTester socket = socket(
						this.tokens.issue(BUILDER, Role.STAFF, subject, null, List.of(), Duration.ofMinutes(5)));
				sockets.add(socket);
				received.add(events(socket, project, created).take(2).collectList().toFuture());
			}
			awaitValue(() -> this.groups.members() - membersBefore, 3);
			assertThat(this.groups.size() - groupsBefore).as("shared executions for three subscribers").isEqualTo(1);

			walk(staff, permits, "startMilestone", "completeMilestone");

			List<Map<String, Object>> first = received.get(0).get(20, TimeUnit.SECONDS);
			assertThat(first).extracting((e) -> e.get("status")).containsExactly("IN_PROGRESS", "COMPLETED");
			assertThat(received.get(1).get(20, TimeUnit.SECONDS)).isEqualTo(first);
			assertThat(received.get(2).get(20, TimeUnit.SECONDS)).isEqualTo(first);
		}
		finally {
			sockets.forEach((socket) -> socket.stop().block(Duration.ofSeconds(5)));
		}
		awaitValue(() -> this.groups.size() - groupsBefore, 0);
	}

	@Test
	void differentLensesNeverShare() {
		String account = newClientAccount(BUILDER);
		String other = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		newProject(BUILDER, other, "custom-home");
		String created = creationCursor(BUILDER, project);
		int groupsBefore = this.groups.size();
		int membersBefore = this.groups.members();
		List<WebSocketGraphQlTester> sockets = List.of(
				socket(this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5))),
				socket(this.tokens.issue(BUILDER, Role.CLIENT, "amara", account, List.of(), Duration.ofMinutes(5))),
				socket(this.tokens.issue(BUILDER, Role.CLIENT, "bo", other, List.of(), Duration.ofMinutes(5))),
				socket(this.tokens.issue(BUILDER, Role.CLIENT, "cy", account, List.of(), Duration.ofMinutes(5))));
		try {
			// Stopping the sockets below ends these streams with a disconnect, as
			// expected.
			sockets.forEach((socket) -> events(socket, null, created).subscribe((event) -> {
			}, (disconnected) -> {
			}));
			awaitValue(() -> this.groups.members() - membersBefore, 4);
			// Staff, account one (two viewers), account two.
			assertThat(this.groups.size() - groupsBefore).isEqualTo(3);
		}
		finally {
			sockets.forEach((socket) -> socket.stop().block(Duration.ofSeconds(5)));
		}
		awaitValue(() -> this.groups.size() - groupsBefore, 0);
	}

	@Test
	void eachSubscriberReplaysFromItsOwnCursorThenSharesTheLiveStream() throws Exception {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		String created = creationCursor(BUILDER, project);
		walk(staff, permits, "startMilestone");
		String started = creationCursor(BUILDER, project);
		int groupsBefore = this.groups.size();
		int membersBefore = this.groups.members();
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5)));
		try {
			CompletableFuture<List<Map<String, Object>>> fromCreation = events(socket, project, created).take(2)
				.collectList()
				.toFuture();
			CompletableFuture<List<Map<String, Object>>> fromStart = events(socket, project, started).take(1)
				.collectList()
				.toFuture();
			awaitValue(() -> this.groups.members() - membersBefore, 2);
			assertThat(this.groups.size() - groupsBefore).isEqualTo(1);

			walk(staff, permits, "completeMilestone");

			assertThat(fromCreation.get(20, TimeUnit.SECONDS)).extracting((e) -> e.get("status"))
				.containsExactly("IN_PROGRESS", "COMPLETED");
			assertThat(fromStart.get(20, TimeUnit.SECONDS)).extracting((e) -> e.get("status"))
				.containsExactly("COMPLETED");
		}
		finally {
			socket.stop().block(Duration.ofSeconds(5));
		}
	}

	@Test
	void aSubscriberThatFallsBehindIsEndedAloneAndAGroupFailureEndsEveryone() {
		Viewer kim = new Viewer(Tenant.idOf(BUILDER), BUILDER, "kim", null, Role.STAFF, null, List.of());
		Viewer lee = new Viewer(Tenant.idOf(BUILDER), BUILDER, "lee", null, Role.STAFF, null, List.of());
		Sinks.Many<ExecutionResult> execution = Sinks.many().multicast().onBackpressureBuffer();
		AtomicReference<LiveShare.Lead> lead = new AtomicReference<>();
		BiFunction<Viewer, LiveShare.Lead, Flux<ExecutionResult>> runner = (lens, started) -> {
			lead.set(started);
			return execution.asFlux();
		};
		SharedGroups.Member reading = this.groups.join("synthetic", kim, true, runner);
		SharedGroups.Member stalled = this.groups.join("synthetic", lee, true, runner);
		int backlog = 1000;

		StepVerifier.create(reading.results(0)).then(() -> {
			for (int position = 1; position <= backlog + 1; position++) {
				lead.get().emitting(position);
				execution.tryEmitNext(ExecutionResult.newExecutionResult().data(Map.of("n", position)).build());
			}
		})
			.expectNextCount(backlog + 1)
			.then(() -> execution.tryEmitError(new PorticoException.Conflict("SHUTTING_DOWN", "stopping", Map.of())))
			.expectErrorSatisfies((ex) -> assertThat(code(ex)).isEqualTo("SHUTTING_DOWN"))
			.verify(Duration.ofSeconds(10));

		StepVerifier.create(stalled.results(0))
			.expectNextCount(backlog)
			.expectErrorSatisfies((ex) -> assertThat(code(ex)).isEqualTo("SLOW_SUBSCRIBER"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void sharedResultsAreEncodedOnceAndReadLikeAnyOther() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5)));
		StepVerifier.create(events(socket, project, creationCursor(BUILDER, project)))
			.then(() -> walk(staff, permits, "startMilestone"))
			.assertNext((event) -> assertThat(event).containsEntry("status", "IN_PROGRESS")
				.containsEntry("milestone",
						Map.of("key", "permits-filed", "name", "Permits filed", "dependsOn", List.of())))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void aServerSentEventStreamEndsWhenItsTokenExpires() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String token = this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofSeconds(2));
		StepVerifier.create(sse(token, CHANGES, Map.of("projectId", project)))
			.assertNext((data) -> assertThat(data).contains("TOKEN_EXPIRED"))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	private static Flux<Map<String, Object>> events(WebSocketGraphQlTester socket,
			@org.jspecify.annotations.Nullable String project, String after) {
		return socket.document(CHANGES)
			.variable("projectId", project)
			.variable("after", after)
			.executeSubscription()
			.toFlux("portalEvents", Map.class)
			.map((event) -> {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = event;
				return typed;
			});
	}

	private static String code(Throwable ex) {
		assertThat(ex).isInstanceOf(SubscriptionPublisherException.class);
		return (String) ((SubscriptionPublisherException) ex).getErrors().get(0).getExtensions().get("code");
	}

	private static void awaitValue(IntSupplier value, int expected) {
		await().atMost(Duration.ofSeconds(20)).until(value::getAsInt, (actual) -> actual == expected);
	}

}
