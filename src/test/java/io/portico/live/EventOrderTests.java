package io.portico.live;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.portico.PorticoTest;
import io.portico.database.TenantDatabase;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.Tenant;
import io.portico.project.ProjectCreated;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cursors follow commit order within a tenant, even for transactions that overlap, and a
 * subscriber that falls behind is ended rather than allowed to grow without bound.
 */
class EventOrderTests extends PorticoTest {

	@Autowired
	private TenantDatabase database;

	@Autowired
	private EventLog log;

	@Autowired
	private EventBus bus;

	@Test
	void positionsFollowCommitOrderForOverlappingTransactions() {
		UUID project = UUID.fromString(newProject(BUILDER, newClientAccount(BUILDER), "custom-home"));
		Viewer viewer = Viewer.system(Tenant.idOf(BUILDER), BUILDER);
		long before = this.database.one(viewer, () -> this.log.latest(viewer)).block(Duration.ofSeconds(5));

		// The first appends, then stays open for 800 ms; the second starts at 200 ms and
		// would commit at once. Midway, a reader looks at the log.
		Mono<Long> first = this.database.one(viewer,
				() -> this.log.append(viewer, created(project)).delayElement(Duration.ofMillis(800)));
		Mono<Long> second = Mono.delay(Duration.ofMillis(200))
			.then(this.database.one(viewer, () -> this.log.append(viewer, created(project))));
		Mono<Long> visibleMidway = Mono.delay(Duration.ofMillis(500))
			.then(this.database.one(viewer, () -> this.log.since(viewer, before, project, 10).count()));

		List<Long> outcome = Mono.zip(first, second, visibleMidway)
			.map((all) -> List.of(all.getT1(), all.getT2(), all.getT3()))
			.block(Duration.ofSeconds(10));

		// Had the later transaction committed first, a reader would have seen its
		// position while an earlier one was still to come, and a cursor taken then
		// would skip that earlier event for good.
		assertThat(outcome.get(2)).as("events visible while the first transaction is open").isZero();
		assertThat(outcome.get(0)).isLessThan(outcome.get(1));
	}

	@Autowired
	private EventStreams streams;

	@Test
	void streamEndsWhenTheViewersTokenExpires() {
		Viewer expiring = new Viewer(Tenant.idOf(BUILDER), BUILDER, "kim", null, io.portico.shared.Role.STAFF, null,
				List.of(), java.time.Instant.now().plusSeconds(1));
		StepVerifier.create(this.streams.follow(expiring, UUID.randomUUID(), null))
			.expectErrorSatisfies((ex) -> assertThat(((PorticoException) ex).code()).isEqualTo("TOKEN_EXPIRED"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void subscriberThatFallsTooFarBehindIsEndedWithResumeAdvice() {
		Viewer viewer = Viewer.system(Tenant.idOf(BUILDER), BUILDER);
		EventBus.Subscriber subscriber = this.bus.subscribe(viewer);
		PortalEvent event = new ProjectCreated(1, UUID.randomUUID(), "kim", java.time.OffsetDateTime.now());
		for (int i = 0; i <= 1000; i++) {
			subscriber.offer(event);
		}
		StepVerifier.create(subscriber.events())
			.expectNextCount(1000)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(PorticoException.Conflict.class)
				.satisfies((e) -> assertThat(((PorticoException) e).code()).isEqualTo("SLOW_SUBSCRIBER")))
			.verify(Duration.ofSeconds(5));
	}

	private static ProjectCreated created(UUID project) {
		return new ProjectCreated(PortalEvent.UNASSIGNED, project, "portico", java.time.OffsetDateTime.now());
	}

}
