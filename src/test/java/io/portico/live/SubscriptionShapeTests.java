package io.portico.live;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes two subscriptions the same for sharing: a cursor variable is set aside only
 * when it is nothing but the top-level {@code after}; queries and mutations are never
 * shared.
 */
class SubscriptionShapeTests {

	@Test
	void aResumeCursorDoesNotSetSubscriptionsApart() {
		String document = "subscription($p: ID, $c: String) { portalEvents(projectId: $p, after: $c) { cursor } }";
		SharedSubscriptions.Shape first = shape(document, Map.of("p", "1", "c", "cursor-a"));
		SharedSubscriptions.Shape second = shape(document, Map.of("p", "1", "c", "cursor-b"));
		assertThat(first).isEqualTo(second);
		assertThat(first.variables()).containsOnlyKeys("p");
		assertThat(shape(document, Map.of("p", "2", "c", "cursor-a"))).isNotEqualTo(first);
	}

	@Test
	void aCursorVariableUsedElsewhereTooStaysPartOfTheShape() {
		String document = """
				subscription($c: String) {
				  portalEvents(after: $c) { cursor project { activity(after: $c) { edges { cursor } } } }
				}
				""";
		assertThat(shape(document, Map.of("c", "cursor-a"))).isNotEqualTo(shape(document, Map.of("c", "cursor-b")));
	}

	@Test
	void queriesMutationsAndUnparsableDocumentsAreNotShared() {
		assertThat(SharedSubscriptions.Shape.of(request("{ viewer { subject } }", Map.of()))).isNull();
		assertThat(SharedSubscriptions.Shape.of(request("mutation { startMilestone(id: \"x\") { id } }", Map.of())))
			.isNull();
		assertThat(SharedSubscriptions.Shape.of(request("subscription { portalEvents {", Map.of()))).isNull();
	}

	private static SharedSubscriptions.Shape shape(String document, Map<String, Object> variables) {
		SharedSubscriptions.Shape shape = SharedSubscriptions.Shape.of(request(document, variables));
		assertThat(shape).isNotNull();
		return shape;
	}

	private static WebGraphQlRequest request(String document, Map<String, @Nullable Object> variables) {
		Map<String, Object> body = new HashMap<>();
		body.put("query", document);
		body.put("variables", variables);
		return new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(), null, null,
				new HashMap<>(), body, "1", Locale.ROOT);
	}

}
