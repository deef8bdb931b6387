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
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pool's connections, which open a read's transaction, set its tenant scope and run
 * its first statement in one round trip: when the Reactor context of a
 * {@code beginTransaction} carries a {@link BeginScope}, nothing is sent yet; the
 * transaction's first statement goes out right behind one simple-protocol message,
 * {@code BEGIN …; SELECT set_config(…)}, without waiting for its answer. Everything else
 * goes to the pooled connection untouched.
 *
 * <p>
 * Why: a query's read transaction took four round trips (BEGIN, the scope, the page,
 * COMMIT). Each costs the JVM a statement's worth of driver and Reactor work and wakes
 * PostgreSQL once more; the simple query spent a fifth of its CPU in the driver (JFR,
 * issue 7; bench/README "Where the time went"). Spring's transaction manager sends its
 * {@code BEGIN} before any hook of its own runs, so the connection is where they can
 * meet. The driver writes a request as soon as it is made and matches answers in order,
 * so the statement sent behind the {@code BEGIN} runs after it, inside the transaction.
 *
 * <p>
 * Later statements wait until the {@code BEGIN} and scope have answered. If they fail,
 * the first statement fails with their error (PostgreSQL refuses it in the aborted
 * transaction) and every later one with the same error; the transaction manager then
 * rolls back, so the connection goes back to the pool idle. A transaction that runs no
 * statement never sends its {@code BEGIN} at all.
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

		/**
		 * The BEGIN and scope still to be sent, with the transaction's first statement.
		 */
		private @Nullable String pendingBegin;

		/** The answer to the BEGIN and scope sent, cached for later statements. */
		private Mono<Void> begun = Mono.empty();

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
				synchronized (this) {
					this.pendingBegin = begin(definition) + "; " + scope.sql();
				}
				return Mono.empty();
			});
		}

		/**
		 * The results of a statement of this connection: behind the pending {@code BEGIN}
		 * and scope if it is the transaction's first, after their answer if it is a later
		 * one.
		 */
		private Flux<Result> execute(Statement statement) {
			Mono<Void> begun;
			boolean first;
			synchronized (this) {
				first = this.pendingBegin != null;
				if (first) {
					// A failed scope leaves the transaction aborted: roll it back before
					// the error goes on, so the connection returns to the pool idle.
					this.begun = execute(this.pendingBegin)
						.onErrorResume((ex) -> execute("ROLLBACK").then(Mono.error(ex)))
						.cache();
					this.pendingBegin = null;
				}
				begun = this.begun;
			}
			if (!first) {
				return begun.thenMany(Flux.<Result>from(statement.execute()));
			}
			// Subscribed to at once, in order, so the driver writes both requests before
			// the first answer comes back. When the BEGIN or scope fails, the statement
			// fails too and reports their error, the cause.
			return Flux.mergeSequential(begun.then(Mono.<Result>empty()),
					Flux.<Result>from(statement.execute()).onErrorResume((ex) -> begun.then(Mono.error(ex))));
		}

		private Mono<Void> execute(String sql) {
			return Flux.from(this.connection.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).then();
		}

		/** Whether the transaction's BEGIN was still to be sent; it never will be now. */
		private synchronized boolean dropPendingBegin() {
			boolean pending = this.pendingBegin != null;
			this.pendingBegin = null;
			this.begun = Mono.empty();
			return pending;
		}

		@Override
		public Publisher<Void> beginTransaction() {
			return this.connection.beginTransaction();
		}

		@Override
		public Publisher<Void> close() {
			dropPendingBegin();
			return this.connection.close();
		}

		@Override
		public Publisher<Void> commitTransaction() {
			return Mono.defer(() -> dropPendingBegin() ? Mono.empty() : Mono.from(this.connection.commitTransaction()));
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
			return new PipelinedStatement(this, this.connection.createStatement(sql));
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
			return Mono
				.defer(() -> dropPendingBegin() ? Mono.empty() : Mono.from(this.connection.rollbackTransaction()));
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

	/** A statement of a {@link ScopedConnection}, executed behind its pending BEGIN. */
	private static final class PipelinedStatement implements Statement {

		private final ScopedConnection connection;

		private final Statement statement;

		PipelinedStatement(ScopedConnection connection, Statement statement) {
			this.connection = connection;
			this.statement = statement;
		}

		@Override
		public Publisher<? extends Result> execute() {
			return Flux.defer(() -> this.connection.execute(this.statement));
		}

		@Override
		public Statement add() {
			this.statement.add();
			return this;
		}

		@Override
		public Statement bind(int index, Object value) {
			this.statement.bind(index, value);
			return this;
		}

		@Override
		public Statement bind(String name, Object value) {
			this.statement.bind(name, value);
			return this;
		}

		@Override
		public Statement bindNull(int index, Class<?> type) {
			this.statement.bindNull(index, type);
			return this;
		}

		@Override
		public Statement bindNull(String name, Class<?> type) {
			this.statement.bindNull(name, type);
			return this;
		}

		@Override
		public Statement returnGeneratedValues(String... columns) {
			this.statement.returnGeneratedValues(columns);
			return this;
		}

		@Override
		public Statement fetchSize(int rows) {
			this.statement.fetchSize(rows);
			return this;
		}

	}

}
