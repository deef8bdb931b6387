package io.portico.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.portico.PorticoTest;
import io.portico.TestIdentityProviders;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions are capped per socket, per viewer and per tenant; the one over the cap
 * gets an error for its id, and the socket goes on serving.
 */
class SubscriptionCapsTests extends PorticoTest {

	private static final String EVENTS = "subscription { portalEvents { cursor } }";

	@Test
	void theSubscriptionOverTheSocketsCapIsRefusedAndTheSocketStaysUsable() {
		WebSocketGraphQlTester socket = socket(token("socket-cap"));
		List<Disposable> open = new ArrayList<>();
		try {
			open.add(subscribe(socket, new ConcurrentLinkedQueue<>()));
			open.add(subscribe(socket, new ConcurrentLinkedQueue<>()));
			answers(socket);

			assertThat(refusal(socket)).containsEntry("code", "TOO_MANY_SUBSCRIPTIONS").containsEntry("limit", 2);
			answers(socket);

			open.remove(0).dispose();
			ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				failures.clear();
				Disposable again = subscribe(socket, failures);
				answers(socket);
				if (!failures.isEmpty()) {
					again.dispose();
				}
				else {
					open.add(again);
				}
				assertThat(failures).isEmpty();
			});
		}
		finally {
			open.forEach(Disposable::dispose);
			socket.stop().block(Duration.ofSeconds(5));
		}
	}

	@Test
	void aViewersSubscriptionsAreCappedAcrossItsSockets() {
		String token = token("viewer-cap");
		WebSocketGraphQlTester first = socket(token);
		WebSocketGraphQlTester second = socket(token);
		List<Disposable> open = new ArrayList<>();
		try {
			open.add(subscribe(first, new ConcurrentLinkedQueue<>()));
			open.add(subscribe(first, new ConcurrentLinkedQueue<>()));
			open.add(subscribe(second, new ConcurrentLinkedQueue<>()));
			answers(first);
			answers(second);

			assertThat(refusal(second)).containsEntry("code", "TOO_MANY_SUBSCRIPTIONS").containsEntry("limit", 3);
		}
		finally {
			open.forEach(Disposable::dispose);
			first.stop().block(Duration.ofSeconds(5));
			second.stop().block(Duration.ofSeconds(5));
		}
	}

	@Test
	void aThousandSubscribeMessagesOnOneSocketRunOnlyAsManyExecutionsAsTheCap() {
		WebSocketGraphQlTester socket = socket(token("thousand"));
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		List<Disposable> open = new ArrayList<>();
		long before = this.statements.count();
		try {
			for (int i = 0; i < 1000; i++) {
				open.add(subscribe(socket, failures));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> failures.size() == 998);
			answers(socket);

			assertThat(failures).allSatisfy((failure) -> assertThat(
					((SubscriptionErrorException) failure).getErrors().get(0).getExtensions().get("code"))
				.isEqualTo("TOO_MANY_SUBSCRIPTIONS"));
			// Two executions, each reading its replay position, and the query above.
			assertThat(this.statements.count() - before).isLessThan(20);
		}
		finally {
			open.forEach(Disposable::dispose);
			socket.stop().block(Duration.ofSeconds(5));
		}
	}

	private String token(String who) {
		String tenant = TestIdentityProviders.TIGHT_TENANT;
		return this.tokens.issue(tenant, Role.STAFF, who + "@" + tenant, null, List.of("site"), Duration.ofMinutes(10));
	}

	private static Disposable subscribe(WebSocketGraphQlTester socket, ConcurrentLinkedQueue<Throwable> failures) {
		return socket.document(EVENTS).executeSubscription().toFlux().subscribe((event) -> {
		}, failures::add);
	}

	/** A query on the socket answers: it is open and serving. */
	private static void answers(WebSocketGraphQlTester socket) {
		socket.document("{ viewer { role } }").execute().path("viewer.role").entity(String.class).isEqualTo("STAFF");
	}

	private static Map<String, Object> refusal(WebSocketGraphQlTester socket) {
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		subscribe(socket, failures);
		await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
		SubscriptionErrorException refused = (SubscriptionErrorException) failures.peek();
		return refused.getErrors().get(0).getExtensions();
	}

}
