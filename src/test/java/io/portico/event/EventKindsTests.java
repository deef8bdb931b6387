package io.portico.event;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EventKindsTests {

	private static final OffsetDateTime AT = OffsetDateTime.of(2026, 5, 12, 9, 30, 0, 0, ZoneOffset.UTC);

	private final EventKinds kinds = new EventKinds(
			List.of(new EventKind<>("SAMPLED", Sampled.class), new EventKind<>("BARE", Bare.class)));

	@Test
	void anEventIsStoredAsItsOwnComponentsAndReadBackWhole() {
		UUID project = UUID.randomUUID();
		UUID subject = UUID.randomUUID();
		Sampled event = new Sampled(PortalEvent.UNASSIGNED, project, subject, "kim", AT, Level.HIGH, null, 3);

		String payload = this.kinds.payload(event);

		assertThat(payload)
			.isEqualTo("{\"subjectId\":\"" + subject + "\",\"level\":\"HIGH\",\"note\":null,\"count\":3}");
		assertThat(this.kinds.name(event)).isEqualTo("SAMPLED");
		assertThat(this.kinds.read("SAMPLED", 42, project, "kim", AT, payload))
			.isEqualTo(new Sampled(42, project, subject, "kim", AT, Level.HIGH, null, 3));
	}

	@Test
	void anEventWithNothingOfItsOwnHasAnEmptyPayload() {
		UUID project = UUID.randomUUID();

		assertThat(this.kinds.payload(new Bare(PortalEvent.UNASSIGNED, project, null, AT))).isEqualTo("{}");
		assertThat(this.kinds.read("BARE", 7, project, null, AT, "{}")).isEqualTo(new Bare(7, project, null, AT));
	}

	@Test
	void aKindThisVersionDoesNotKnowIsSkipped() {
		assertThat(this.kinds.read("FROM_A_NEWER_VERSION", 1, UUID.randomUUID(), null, AT, "{}")).isNull();
	}

	@Test
	void everyKindCarriesTheHeaderAndIsRegisteredOnce() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new EventKinds(List.of(new EventKind<>("HEADLESS", Headless.class))))
			.withMessageContaining("seq, projectId, actor and occurredAt");
		assertThatIllegalStateException()
			.isThrownBy(() -> new EventKinds(
					List.of(new EventKind<>("BARE", Bare.class), new EventKind<>("BARE", Sampled.class))))
			.withMessageContaining("twice");
	}

	@Test
	void onlyRegisteredKindsAreAppended() {
		Headless stranger = new Headless(UUID.randomUUID());

		assertThatIllegalStateException().isThrownBy(() -> this.kinds.name(stranger));
	}

	enum Level {

		LOW, HIGH

	}

	record Sampled(long seq, UUID projectId, UUID subjectId, @Nullable String actor, OffsetDateTime occurredAt,
			Level level, @Nullable String note, int count) implements PortalEvent {
	}

	record Bare(long seq, UUID projectId, @Nullable String actor, OffsetDateTime occurredAt) implements PortalEvent {
	}

	record Headless(UUID projectId) implements PortalEvent {

		@Override
		public long seq() {
			return 0;
		}

		@Override
		public @Nullable String actor() {
			return null;
		}

		@Override
		public OffsetDateTime occurredAt() {
			return AT;
		}

	}

}
