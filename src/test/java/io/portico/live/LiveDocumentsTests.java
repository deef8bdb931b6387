package io.portico.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code documentUnlocked}: a document reaches open portals the moment it is unlocked,
 * and never before; a CLIENT gets it even when the milestone that unlocked it is
 * internal, without that milestone.
 */
class LiveDocumentsTests extends PorticoTest {

	private static final String UNLOCKED = """
			subscription($projectId: ID) {
			  documentUnlocked(projectId: $projectId) { cursor document { id name unlocked } milestone { key } }
			}
			""";

	@Autowired
	private SharedGroups groups;

	@Test
	void unlockedDocumentsReachOpenPortalsAndLockedOnesNever() throws Exception {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		String sitePrep = milestoneId(staff, project, "site-prep");
		int membersBefore = this.groups.members();
		WebSocketGraphQlTester clientSocket = socket(
				this.tokens.issue(BUILDER, Role.CLIENT, "amara", account, List.of(), Duration.ofMinutes(5)));
		WebSocketGraphQlTester staffSocket = socket(
				this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5)));
		try {
			CompletableFuture<List<Map<String, Object>>> client = unlocked(clientSocket, project, 3);
			CompletableFuture<List<Map<String, Object>>> staffSees = unlocked(staffSocket, null, 3);
			awaitMembers(membersBefore + 2);

			String permitSet = attach(staff, project, permits, "Permit set");
			String survey = attach(staff, project, sitePrep, "Site survey");
			String welcome = attach(staff, project, null, "Welcome pack");
			walk(staff, permits, "startMilestone", "completeMilestone");
			walk(staff, sitePrep, "startMilestone", "completeMilestone");

			List<Map<String, Object>> received = client.get(20, TimeUnit.SECONDS);
			assertThat(received).extracting((e) -> (Object) ((Map<?, ?>) e.get("document")).get("id"))
				.containsExactly(welcome, permitSet, survey);
			assertThat(received).extracting((e) -> (Object) ((Map<?, ?>) e.get("document")).get("unlocked"))
				.containsOnly(true);
			// The survey was unlocked by an internal milestone: the client gets the
			// document, not the milestone.
			assertThat(received).extracting((e) -> e.get("milestone"))
				.containsExactly(null, Map.of("key", "permits-filed"), null);
			assertThat(staffSees.get(20, TimeUnit.SECONDS)).extracting((e) -> e.get("milestone"))
				.containsExactly(null, Map.of("key", "permits-filed"), Map.of("key", "site-prep"));
		}
		finally {
			clientSocket.stop().block(Duration.ofSeconds(5));
			staffSocket.stop().block(Duration.ofSeconds(5));
		}
	}

	@Test
	void anotherClientsDocumentsNeverArrive() throws Exception {
		String account = newClientAccount(BUILDER);
		String theirs = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String mine = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		int membersBefore = this.groups.members();
		WebSocketGraphQlTester socket = socket(
				this.tokens.issue(BUILDER, Role.CLIENT, "amara", account, List.of(), Duration.ofMinutes(5)));
		try {
			CompletableFuture<List<Map<String, Object>>> client = unlocked(socket, null, 1);
			awaitMembers(membersBefore + 1);
			attach(staff, theirs, null, "Their welcome pack");
			String own = attach(staff, mine, null, "My welcome pack");

			assertThat(client.get(20, TimeUnit.SECONDS))
				.extracting((e) -> (Object) ((Map<?, ?>) e.get("document")).get("id"))
				.containsExactly(own);
		}
		finally {
			socket.stop().block(Duration.ofSeconds(5));
		}
	}

	private static CompletableFuture<List<Map<String, Object>>> unlocked(WebSocketGraphQlTester socket,
			@Nullable String project, int count) {
		return socket.document(UNLOCKED)
			.variable("projectId", project)
			.executeSubscription()
			.toFlux("documentUnlocked", Map.class)
			.take(count)
			.map((event) -> {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = event;
				return typed;
			})
			.collectList()
			.toFuture();
	}

	private void awaitMembers(int expected) {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.groups.members() >= expected);
	}

}
