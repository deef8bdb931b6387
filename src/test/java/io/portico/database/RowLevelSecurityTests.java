package io.portico.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.Tenant;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database's half of tenant isolation, checked directly over the service's own
 * connection role: policies, the role's lack of privilege, and a pooled connection that
 * carries nothing from one tenant's transaction into the next.
 */
class RowLevelSecurityTests extends PorticoTest {

	private static final Viewer BUILDER_STAFF = Viewer.system(Tenant.idOf(BUILDER), BUILDER);

	private static final Viewer AGENCY_STAFF = Viewer.system(Tenant.idOf(AGENCY), AGENCY);

	@Autowired
	private R2dbcConnectionDetails connection;

	private SingleConnection singleConnection;

	private DatabaseClient client;

	private TenantDatabase database;

	@Autowired
	private PorticoProperties properties;

	@BeforeEach
	void poolOfOneConnection() {
		SingleConnection single = new SingleConnection(this.connection, this.properties);
		this.singleConnection = single;
		this.client = single.client;
		this.database = single.database;
		newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		newProject(AGENCY, newClientAccount(AGENCY), "brand-and-website");
	}

	@AfterEach
	void closePool() {
		this.singleConnection.close();
	}

	@Test
	void serviceRoleOwnsNothingAndBypassesNothing() {
		this.client
			.sql("""
					SELECT r.rolsuper, r.rolbypassrls,
					       (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
					FROM pg_roles r WHERE r.rolname = current_user
					""")
			.map((row) -> List.of(row.get("rolsuper", Boolean.class), row.get("rolbypassrls", Boolean.class),
					row.get("owned", Long.class)))
			.one()
			.as(StepVerifier::create)
			.assertNext((row) -> assertThat(row).containsExactly(false, false, 0L))
			.verifyComplete();
	}

	@Test
	void everyTableHasForcedRowLevelSecurity() {
		this.client.sql("""
				SELECT relname FROM pg_class
				WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'flyway_schema_history'
				  AND NOT (relrowsecurity AND relforcerowsecurity)
				""").map((row) -> row.get("relname", String.class)).all().as(StepVerifier::create).verifyComplete();
	}

	@Test
	void withoutATenantSettingEveryTableIsEmpty() {
		Flux.fromIterable(List.of("tenant", "client_account", "project", "milestone", "event", "sign_off"))
			.concatMap((table) -> this.client.sql("SELECT count(*) AS n FROM " + table)
				.map((row) -> row.get("n", Long.class))
				.one())
			.as(StepVerifier::create)
			.expectNext(0L, 0L, 0L, 0L, 0L, 0L)
			.verifyComplete();
	}

	@Test
	void pooledConnectionNeverCarriesOneTenantIntoAnothersWork() {
		Flux<Object> interleaved = Flux.range(0, 20).concatMap((i) -> {
			Viewer viewer = (i % 2 == 0) ? BUILDER_STAFF : AGENCY_STAFF;
			Mono<List<UUID>> seen = this.database.one(viewer,
					() -> this.client.sql("SELECT DISTINCT tenant_id FROM project")
						.map((row) -> row.get("tenant_id", UUID.class))
						.all()
						.collectList());
			Mono<Long> outside = this.client.sql("SELECT count(*) AS n FROM project")
				.map((row) -> row.get("n", Long.class))
				.one();
			return seen.doOnNext((tenants) -> assertThat(tenants).containsExactly(viewer.tenantId()))
				.then(outside)
				.doOnNext((n) -> assertThat(n).isZero())
				.cast(Object.class);
		});
		interleaved.as(StepVerifier::create).expectNextCount(20).verifyComplete();

		// Concurrent transactions of two tenants queue on the one connection; each sees
		// its own.
		Flux.merge(Flux.range(0, 10)
			.map((i) -> (i % 2 == 0) ? BUILDER_STAFF : AGENCY_STAFF)
			.map((viewer) -> this.database
				.one(viewer,
						() -> this.client.sql("SELECT DISTINCT tenant_id FROM project")
							.map((row) -> row.get("tenant_id", UUID.class))
							.all()
							.collectList())
				.doOnNext((tenants) -> assertThat(tenants).containsExactly(viewer.tenantId()))))
			.as(StepVerifier::create)
			.expectNextCount(10)
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	@Test
	void aTransactionCannotWriteIntoAnotherTenant() {
		this.database
			.one(BUILDER_STAFF, () -> this.client
				.sql("INSERT INTO client_account (tenant_id, id, name) VALUES (:tenant, 'intruder', 'Intruder')")
				.bind("tenant", AGENCY_STAFF.tenantId())
				.then())
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("row-level security"))
			.verify();
	}

	@Test
	void clientLensHidesOtherAccountsAndInternalMilestones() {
		String account = newClientAccount(BUILDER);
		newProject(BUILDER, account, "custom-home");
		Viewer client = new Viewer(BUILDER_STAFF.tenantId(), BUILDER, "homeowner", null, Role.CLIENT, account,
				List.of());
		this.database
			.one(client,
					() -> this.client.sql("""
							SELECT (SELECT count(DISTINCT client_account_id) FROM project) AS accounts,
							       (SELECT count(*) FROM milestone WHERE NOT client_visible) AS internal,
							       (SELECT count(*) FROM milestone) AS visible
							""")
						.map((row) -> List.of(row.get("accounts", Long.class), row.get("internal", Long.class),
								row.get("visible", Long.class)))
						.one())
			.as(StepVerifier::create)
			.assertNext((counts) -> assertThat(counts).containsExactly(1L, 0L, 7L))
			.verifyComplete();
	}

	@Test
	void aStaffTransactionThatNamesAClientAccountSeesNothing() {
		// What a transaction would see had it set a client account but not taken the
		// client role: the lens policies are the client role's, so the service role's
		// own policy must close everything instead.
		TransactionalOperator.create(new R2dbcTransactionManager(this.client.getConnectionFactory()))
			.transactional(this.client.sql("""
					SELECT set_config('portico.tenant_id', :tenant, true),
					       set_config('portico.client_account', 'someone', true)
					""").bind("tenant", BUILDER_STAFF.tenantId().toString()).fetch().first().then(this.client.sql("""
					SELECT (SELECT count(*) FROM project) + (SELECT count(*) FROM milestone)
					     + (SELECT count(*) FROM client_account) + (SELECT count(*) FROM event) AS n
					""").map((row) -> row.get("n", Long.class)).one()))
			.as(StepVerifier::create)
			.expectNext(0L)
			.verifyComplete();
	}

	@Test
	void theClientRoleOwnsNothingBypassesNothingAndOnlyTheClientLensAppliesToIt() {
		this.client.sql("""
				SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin,
				       (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = r.rolname) AS owned,
				       pg_has_role(current_user, r.oid, 'USAGE') AS inherited,
				       pg_has_role(current_user, r.oid, 'SET') AS settable
				FROM pg_roles r WHERE r.rolname = :role
				""")
			.bind("role", this.properties.clientRole())
			.map((row) -> List.of(row.get("rolsuper", Boolean.class), row.get("rolbypassrls", Boolean.class),
					row.get("rolcanlogin", Boolean.class), row.get("owned", Long.class),
					row.get("inherited", Boolean.class), row.get("settable", Boolean.class)))
			.one()
			.as(StepVerifier::create)
			.assertNext((row) -> assertThat(row).containsExactly(false, false, false, 0L, false, true))
			.verifyComplete();
	}

	@Test
	void aReadBeginsItsSnapshotWithTheViewersScopeWhateverTheClientAccountIsCalled() {
		String account = "o'brien \\'); SELECT 1; -- \u00e9";
		Viewer client = new Viewer(BUILDER_STAFF.tenantId(), BUILDER, "homeowner", null, Role.CLIENT, account,
				List.of());
		this.database
			.read(client,
					this.client
						.sql("""
								SELECT current_setting('portico.tenant_id') AS tenant, current_setting('portico.client_account') AS account,
								       current_user AS role, current_setting('transaction_isolation') AS isolation,
								       current_setting('transaction_read_only') AS read_only
								""")
						.map((row) -> List.of(row.get("tenant", String.class), row.get("account", String.class),
								row.get("role", String.class), row.get("isolation", String.class),
								row.get("read_only", String.class)))
						.one())
			.as(StepVerifier::create)
			.assertNext((scope) -> assertThat(scope).containsExactly(BUILDER_STAFF.tenantId().toString(), account,
					this.properties.clientRole(), "repeatable read", "on"))
			.verifyComplete();
	}

	@Test
	void aReadWhoseScopeFailsLeavesItsConnectionIdleForTheNext() {
		PorticoProperties noSuchClientRole = new PorticoProperties(this.properties.dataDir(), 0,
				this.properties.appRole(), "portico_nobody", null);
		TenantDatabase broken = new TenantDatabase(this.client,
				new R2dbcTransactionManager(this.client.getConnectionFactory()), noSuchClientRole);
		Viewer client = new Viewer(BUILDER_STAFF.tenantId(), BUILDER, "homeowner", null, Role.CLIENT, "someone",
				List.of());
		broken.read(client, this.client.sql("SELECT 1 AS one").map((row) -> row.get("one", Integer.class)).one())
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).hasStackTraceContaining("portico_nobody"))
			.verify();
		// The pool has one connection: the next read gets the same one, idle.
		this.database
			.read(BUILDER_STAFF,
					this.client.sql("SELECT count(*) AS n FROM project").map((row) -> row.get("n", Long.class)).one())
			.as(StepVerifier::create)
			.assertNext((n) -> assertThat(n).isPositive())
			.verifyComplete();
	}

	@Test
	void aReadThatRunsNoStatementSendsNothing() {
		List<String> sent = new CopyOnWriteArrayList<>();
		DatabaseClient client = DatabaseClient
			.create(new ScopedConnections(recording(this.singleConnection.pool, sent)));
		new TenantDatabase(client, new R2dbcTransactionManager(client.getConnectionFactory()), this.properties)
			.read(BUILDER_STAFF, Mono.just(1))
			.as(StepVerifier::create)
			.expectNext(1)
			.verifyComplete();
		// The BEGIN waits for a first statement that never comes; no COMMIT either.
		assertThat(sent).isEmpty();
	}

	@Test
	void aReadSendsItsBeginAndScopeInOneStatementThenItsOwnThenCommit() {
		List<String> sent = new CopyOnWriteArrayList<>();
		DatabaseClient client = DatabaseClient
			.create(new ScopedConnections(recording(this.singleConnection.pool, sent)));
		new TenantDatabase(client, new R2dbcTransactionManager(client.getConnectionFactory()), this.properties)
			.read(BUILDER_STAFF,
					client.sql("SELECT count(*) AS n FROM project").map((row) -> row.get("n", Long.class)).one())
			.as(StepVerifier::create)
			.assertNext((n) -> assertThat(n).isPositive())
			.verifyComplete();
		assertThat(sent).containsExactly(
				"BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; " + "SELECT set_config('portico.tenant_id', '"
						+ BUILDER_STAFF.tenantId() + "', true), "
						+ "set_config('portico.client_account', '', true), set_config('role', 'none', true)",
				"SELECT count(*) AS n FROM project", "commitTransaction");
	}

	/**
	 * The pool's connections, noting each statement as it is executed and each
	 * transaction call they get, in the order the driver is asked to send them.
	 */
	private static ConnectionFactory recording(ConnectionFactory pool, List<String> sent) {
		return proxy(ConnectionFactory.class, pool, (method, args) -> (method.getName().equals("create"))
				? Mono.from(pool.create()).map((connection) -> proxy(Connection.class, connection, (called, with) -> {
					if (called.getName().equals("createStatement")) {
						String sql = (String) with[0];
						return proxy(Statement.class, connection.createStatement(sql),
								(statementMethod, statementArgs) -> {
									if (statementMethod.getName().equals("execute")) {
										sent.add(sql);
									}
									return null;
								});
					}
					if (called.getName().endsWith("Transaction")) {
						sent.add(called.getName());
					}
					return null;
				})) : null);
	}

	private static <T> T proxy(Class<T> type, T target, BiFunction<Method, Object[], @Nullable Object> instead) {
		return type
			.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (self, method, args) -> {
				Object answer = instead.apply(method, args);
				try {
					return (answer != null) ? answer : method.invoke(target, args);
				}
				catch (InvocationTargetException ex) {
					throw ex.getCause();
				}
			}));
	}

}
