package io.portico.database;

import java.time.Duration;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pool's connections, which can open a transaction and set its tenant scope in one
 * round trip: when the Reactor context of a {@code beginTransaction} carries a
 * {@link BeginScope}, the transaction starts with one simple-protocol message,
 * {@code BEGIN …; SELECT set_config(…)}, instead of a {@code BEGIN} and then the scope.
 * Everything else goes to the pooled connection untouched.
 *
 * <p>
 * Why: a query's read transaction took four round trips (BEGIN, the scope, the page,
 * COMMIT). Each costs the JVM a statement's worth of driver and Reactor work and wakes
 * PostgreSQL once more; the simple query spent a fifth of its CPU in the driver (JFR,
 * issue 7; bench/README "Where the time went"). Spring's transaction manager sends its
 * {@code BEGIN} before any hook of its own runs, so the connection is where the two can
 * meet.
 *
 * <p>
 * A failed scope statement rolls the transaction back before the error goes on, so the
 * connection goes back to the pool idle, as a failed {@code BEGIN} leaves it.
 */
final class ScopedConnections implements ConnectionFactory, Wrapped<ConnectionFactory> {

	private final ConnectionFactory pool;

	ScopedConnections(ConnectionFactory pool) {
		this.pool = pool;
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.from(this.pool.create()).map(ScopedConnection::new);
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.pool.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.pool;
	}

	/**
	 * The scope statement to send with a transaction's {@code BEGIN}. It carries its
	 * values as literals (the simple protocol has no parameters), so only
	 * {@link TenantDatabase} builds it, from values that cannot end a literal.
	 *
	 * @param sql one {@code SELECT} of {@code set_config} calls
	 */
	record BeginScope(String sql) {
	}

	/** The statement the driver sends for a definition with these attributes. */
	static String begin(TransactionDefinition definition) {
		IsolationLevel isolation = definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL);
		StringBuilder begin = new StringBuilder("BEGIN");
		if (isolation != null) {
			begin.append(" ISOLATION LEVEL ").append(isolation.asSql());
		}
		if (Boolean.TRUE.equals(definition.getAttribute(TransactionDefinition.READ_ONLY))) {
			begin.append((isolation != null) ? ", READ ONLY" : " READ ONLY");
		}
		return begin.toString();
	}

	private static final class ScopedConnection implements Connection, Wrapped<Connection> {

		private final Connection connection;

		ScopedConnection(Connection connection) {
			this.connection = connection;
		}

		@Override
		public Publisher<Void> beginTransaction(TransactionDefinition definition) {
			return Mono.deferContextual((context) -> {
				BeginScope scope = context.getOrDefault(BeginScope.class, null);
				// A lock wait timeout is the driver's to apply; reads never set one.
				if (scope == null || definition.getAttribute(TransactionDefinition.LOCK_WAIT_TIMEOUT) != null) {
					return Mono.from(this.connection.beginTransaction(definition));
				}
				return execute(begin(definition) + "; " + scope.sql())
					.onErrorResume((ex) -> execute("ROLLBACK").then(Mono.error(ex)));
			});
		}

		private Mono<Void> execute(String sql) {
			return Flux.from(this.connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then();
		}

		@Override
		public Publisher<Void> beginTransaction() {
			return this.connection.beginTransaction();
		}

		@Override
		public Publisher<Void> close() {
			return this.connection.close();
		}

		@Override
		public Publisher<Void> commitTransaction() {
			return this.connection.commitTransaction();
		}

		@Override
		public Batch createBatch() {
			return this.connection.createBatch();
		}

		@Override
		public Publisher<Void> createSavepoint(String name) {
			return this.connection.createSavepoint(name);
		}

		@Override
		public Statement createStatement(String sql) {
			return this.connection.createStatement(sql);
		}

		@Override
		public boolean isAutoCommit() {
			return this.connection.isAutoCommit();
		}

		@Override
		public ConnectionMetadata getMetadata() {
			return this.connection.getMetadata();
		}

		@Override
		public IsolationLevel getTransactionIsolationLevel() {
			return this.connection.getTransactionIsolationLevel();
		}

		@Override
		public Publisher<Void> releaseSavepoint(String name) {
			return this.connection.releaseSavepoint(name);
		}

		@Override
		public Publisher<Void> rollbackTransaction() {
			return this.connection.rollbackTransaction();
		}

		@Override
		public Publisher<Void> rollbackTransactionToSavepoint(String name) {
			return this.connection.rollbackTransactionToSavepoint(name);
		}

		@Override
		public Publisher<Void> setAutoCommit(boolean autoCommit) {
			return this.connection.setAutoCommit(autoCommit);
		}

		@Override
		public Publisher<Void> setLockWaitTimeout(Duration timeout) {
			return this.connection.setLockWaitTimeout(timeout);
		}

		@Override
		public Publisher<Void> setStatementTimeout(Duration timeout) {
			return this.connection.setStatementTimeout(timeout);
		}

		@Override
		public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
			return this.connection.setTransactionIsolationLevel(level);
		}

		@Override
		public Publisher<Boolean> validate(ValidationDepth depth) {
			return this.connection.validate(depth);
		}

		@Override
		public Connection unwrap() {
			return this.connection;
		}

	}

}
