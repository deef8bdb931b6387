package io.portico.event;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.portico.PorticoTest;
import io.portico.database.TenantDatabase;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.Tenant;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

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

		// The first appends, then stays open; the second starts later and commits at
		// once.
		Mono<Tuple2<Long, Long>> first = this.database
			.one(viewer, () -> this.log.projectCreated(viewer, project).delayElement(Duration.ofMillis(800)))
			.map((seq) -> Tuples.of(seq, System.nanoTime()));
		Mono<Tuple2<Long, Long>> second = Mono.delay(Duration.ofMillis(200))
			.then(this.database.one(viewer, () -> this.log.projectCreated(viewer, project)))
			.map((seq) -> Tuples.of(seq, System.nanoTime()));

		List<Tuple2<Long, Long>> outcomes = Mono.zip(first, second, List::of).block(Duration.ofSeconds(10));

		List<Tuple2<Long, Long>> byCommit = outcomes.stream()
			.sorted((a, b) -> Long.compare(a.getT2(), b.getT2()))
			.toList();
		List<Tuple2<Long, Long>> byPosition = outcomes.stream()
			.sorted((a, b) -> Long.compare(a.getT1(), b.getT1()))
			.toList();
		assertThat(byCommit).isEqualTo(byPosition);
	}

	@Autowired
	private EventStreams streams;

	@Test
	void streamEndsWhenTheViewersTokenExpires() {
		Viewer expiring = new Viewer(Tenant.idOf(BUILDER), BUILDER, "kim", null, io.portico.shared.Role.STAFF, null,
				List.of(), java.time.Instant.now().plusSeconds(1));
		StepVerifier.create(this.streams.follow(expiring, null, null))
			.expectErrorSatisfies((ex) -> assertThat(((PorticoException) ex).code()).isEqualTo("TOKEN_EXPIRED"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void subscriberThatFallsTooFarBehindIsEndedWithResumeAdvice() {
		Viewer viewer = Viewer.system(Tenant.idOf(BUILDER), BUILDER);
		EventBus.Subscriber subscriber = this.bus.subscribe(viewer);
		PortalEvent event = new PortalEvent.ProjectCreated(1, UUID.randomUUID(), "kim", java.time.OffsetDateTime.now());
		for (int i = 0; i <= 1000; i++) {
			subscriber.offer(event);
		}
		StepVerifier.create(subscriber.events())
			.expectNextCount(1000)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(PorticoException.Conflict.class)
				.satisfies((e) -> assertThat(((PorticoException) e).code()).isEqualTo("SLOW_SUBSCRIBER")))
			.verify(Duration.ofSeconds(5));
	}

}
