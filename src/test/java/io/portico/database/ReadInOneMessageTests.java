package io.portico.database;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.Tenant;
import io.r2dbc.spi.Readable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A read sent as one message: its own read-only snapshot with the viewer's scope, values
 * written in as literals that read back as themselves, and a connection that goes back to
 * the pool as it came, whether the read succeeded, failed or lost its caller.
 */
class ReadInOneMessageTests extends PorticoTest {

	private static final Viewer BUILDER_STAFF = Viewer.system(Tenant.idOf(BUILDER), BUILDER);

	@Autowired
	private R2dbcConnectionDetails connection;

	@Autowired
	private PorticoProperties properties;

	/** One connection, so that each read gets the connection the one before it left. */
	private SingleConnection singleConnection;

	private TenantDatabase database;

	/** A CLIENT of the builder with one project. */
	private Viewer client;

	@BeforeEach
	void poolOfOneConnection() {
		this.singleConnection = new SingleConnection(this.connection, this.properties);
		this.database = this.singleConnection.database;
		String account = newClientAccount(BUILDER);
		newProject(BUILDER, account, "custom-home");
		this.client = new Viewer(BUILDER_STAFF.tenantId(), BUILDER, "homeowner", null, Role.CLIENT, account, List.of());
	}

	@AfterEach
	void closePool() {
		this.singleConnection.close();
	}

	@Test
	void theStatementsReadOneSnapshotInTheViewersScope() {
		List<List<Object>> rows = this.database.readInOneMessage(this.client, List.of(read("""
				SELECT current_setting('portico.tenant_id') || ' ' || current_setting('portico.client_account')
				       || ' ' || current_user || ' ' || current_setting('transaction_isolation')
				       || ' ' || current_setting('transaction_read_only')
				""", String.class), read("SELECT count(*) FROM project", Long.class),
				read("SELECT txid_current_if_assigned() IS NULL", Boolean.class)))
			.block();

		assertThat(rows).containsExactly(List.of(BUILDER_STAFF.tenantId() + " " + this.client.clientAccount() + " "
				+ this.properties.clientRole() + " repeatable read on"), List.of(1L), List.of(true));
	}

	@Test
	void nothingOfTheScopeOutlivesTheMessage() {
		assertThat(
				this.database.readInOneMessage(this.client, List.of(read("SELECT count(*) FROM project", Long.class)))
					.block())
			.containsExactly(List.of(1L));

		assertThat(outsideAnyRead()).isEqualTo(" 0 true");
	}

	@Test
	void aFailedStatementRollsTheWholeMessageBack() {
		this.database
			.readInOneMessage(this.client,
					List.of(read("SELECT count(*) FROM project", Long.class), read("SELECT 1 / 0", Integer.class)))
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("division by zero"))
			.verify();

		assertThat(outsideAnyRead()).isEqualTo(" 0 true");
	}

	@Test
	void aReadWhoseCallerLeavesHandsItsConnectionBackIdle() {
		this.database
			.readInOneMessage(BUILDER_STAFF,
					List.of(read("SELECT pg_sleep(0.3)::text", String.class),
							read("SELECT 'first read'", String.class)))
			.as(StepVerifier::create)
			.thenAwait(Duration.ofMillis(50))
			.thenCancel()
			.verify();

		// The next read waits for the connection and gets its own answer, not the
		// first read's.
		assertThat(this.database.readInOneMessage(BUILDER_STAFF, List.of(read("SELECT 'second read'", String.class)))
			.block(Duration.ofSeconds(10))).containsExactly(List.of("second read"));
		assertThat(outsideAnyRead()).isEqualTo(" 0 true");
	}

	@Test
	void valuesWrittenInReadBackAsThemselves() {
		String awkward = "o'brien \\'); SELECT 1; -- $$ \u00e9 \ud83c\udfe0\n";
		OffsetDateTime time = OffsetDateTime.of(2026, 12, 2, 10, 15, 30, 123_456_000, ZoneOffset.ofHours(2));
		UUID id = UUID.randomUUID();
		assertThat(readBack(awkward, String.class)).isEqualTo(awkward);
		assertThat(readBack("plain text, 1.5 @ 10:00", String.class)).isEqualTo("plain text, 1.5 @ 10:00");
		assertThat(readBack("", String.class)).isEmpty();
		assertThat(readBack(id, UUID.class)).isEqualTo(id);
		assertThat(readBack(time, OffsetDateTime.class)).isEqualTo(time.withOffsetSameInstant(ZoneOffset.UTC));
		assertThat(readBack(LocalDate.of(2026, 2, 28), LocalDate.class)).isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(readBack(true, Boolean.class)).isTrue();
		assertThat(readBack(new String[] { awkward, "b" }, String[].class)).containsExactly(awkward, "b");
		assertThat(readBack(new UUID[] { id }, UUID[].class)).containsExactly(id);
		assertThat(readBack(new String[0], String[].class)).isEmpty();
		// A negative number right after a minus must not start a comment.
		assertThat(this.database
			.readInOneMessage(BUILDER_STAFF,
					List.of(read("SELECT 1 -" + Literals.of(-5) + " - " + Literals.of(2L), Integer.class)))
			.block()).containsExactly(List.of(4));
		assertThat(this.database
			.readInOneMessage(BUILDER_STAFF, List.of(read("SELECT " + Literals.of(null) + " IS NULL", Boolean.class)))
			.block()).containsExactly(List.of(true));
		assertThatIllegalArgumentException().isThrownBy(() -> Literals.of(1.5));
	}

	private <T> T readBack(Object value, Class<T> type) {
		List<List<Object>> rows = this.database
			.readInOneMessage(BUILDER_STAFF, List.of(read("SELECT " + SqlValues.literals().of(value), type)))
			.block();
		assertThat(rows).hasSize(1);
		return type.cast(rows.get(0).get(0));
	}

	/**
	 * What the one connection holds between reads: its tenant setting, the projects it
	 * sees, and whether it is outside any transaction (this statement's own began with
	 * it).
	 */
	private String outsideAnyRead() {
		return DatabaseClient.create(this.singleConnection.pool).sql("""
				SELECT coalesce(current_setting('portico.tenant_id', true), '') || ' '
				       || (SELECT count(*) FROM project) || ' '
				       || (now() = statement_timestamp())
				""").map((row) -> row.get(0, String.class)).one().block();
	}

	private static <T> LiteralRead<T> read(String sql, Class<T> type) {
		Function<Readable, T> row = (readable) -> readable.get(0, type);
		return new LiteralRead<>(sql, row);
	}

}
