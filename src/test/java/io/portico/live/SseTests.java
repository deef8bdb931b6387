package io.portico.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** GraphQL over Server-Sent Events, for clients that cannot open a WebSocket. */
class SseTests extends PorticoTest {

	@Test
	void subscriptionStreamsOverServerSentEvents() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String permits = milestoneId(staff, project, "permits-filed");
		String created = creationCursor(BUILDER, project);
		String token = this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5));
		String query = "subscription($p: ID, $after: String) { portalEvents(projectId: $p, after: $after) "
				+ "{ cursor ... on MilestoneChanged { status } } }";

		StepVerifier.create(sse(token, query, Map.of("p", project, "after", created)))
			.then(() -> walk(staff, permits, "startMilestone"))
			.assertNext((data) -> assertThat(data).contains("\"status\":\"IN_PROGRESS\""))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void serverSentEventsNeedAToken() {
		WebClient.create("http://localhost:" + this.port)
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("query", "subscription { portalEvents { cursor } }"))
			.exchangeToMono((response) -> reactor.core.publisher.Mono.just(response.statusCode().value()))
			.as(StepVerifier::create)
			.expectNext(401)
			.verifyComplete();
	}

}
