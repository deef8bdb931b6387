package io.portico.database;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.portico.database.ScopedConnections.BeginScope;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import reactor.util.context.ContextView;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The only way into the database: one transaction per unit of work, whose first statement
 * sets the viewer's tenant (and, for a CLIENT, its client account) as transaction-local
 * settings that the row-level security policies read. A CLIENT's transaction also takes
 * the client role ({@code portico.client-role}), the only role the client lens applies
 * to; a staff transaction that names a client account sees nothing.
 *
 * <p>
 * {@code set_config(..., true)} lasts until the transaction ends, so a pooled connection
 * never carries one tenant's setting into another's work; outside a transaction the
 * settings are empty and every policy answers with no rows. Work nested inside an open
 * transaction joins it, so a mutation and its event commit together.
 *
 * <p>
 * A whole query reads in one transaction ({@link #read}): every batch of its answer comes
 * from the same snapshot, and the tenant is set once per request instead of once per
 * batch. Work for the same viewer inside it joins it without setting the scope again;
 * work for another viewer gets a transaction of its own, so the scope of the enclosing
 * read is never changed under it.
 */
@Component
public class TenantDatabase {

	private static final String READ_SETTINGS = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; ";

	/** The settings and the scope answer before the reads of one message. */
	private static final int RESULTS_BEFORE_READS = 2;

	/** Reactor context key of the viewer whose read transaction is open. */
	private static final String SCOPED_TO = TenantDatabase.class.getName() + ".scopedTo";

	private final DatabaseClient client;

	/** The pooled connections themselves, for reads in one message. */
	private final ConnectionFactory pool;

	private final TransactionalOperator transactional;

	private final TransactionalOperator separate;

	private final TransactionalOperator snapshot;

	private final String clientRole;

	TenantDatabase(DatabaseClient client, R2dbcTransactionManager transactionManager, PorticoProperties properties) {
		// read() leaves its scope to the connections (ScopedConnections); a read on any
		// other connections would see no rows at all.
		Assert.state(
				client.getConnectionFactory() instanceof ScopedConnections
						&& transactionManager.getConnectionFactory() == client.getConnectionFactory(),
				"TenantDatabase needs a DatabaseClient and a transaction manager on the same ScopedConnections");
		this.client = client;
		this.pool = ((ScopedConnections) client.getConnectionFactory()).unwrap();
		this.clientRole = properties.clientRole();
		this.transactional = TransactionalOperator.create(transactionManager);
		DefaultTransactionDefinition separate = new DefaultTransactionDefinition();
		separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.separate = TransactionalOperator.create(transactionManager, separate);
		DefaultTransactionDefinition snapshot = new DefaultTransactionDefinition();
		snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
		this.snapshot = TransactionalOperator.create(transactionManager, snapshot);
	}

	/** Runs work that yields one result in a transaction scoped to the viewer. */
	public <T> Mono<T> one(Viewer viewer, Supplier<Mono<T>> work) {
		return Mono.deferContextual((context) -> switch (scope(context, viewer)) {
			case SAME -> Mono.defer(work);
			case NONE -> this.transactional.transactional(scope(viewer).then(Mono.defer(work)));
			case OTHER -> this.separate.transactional(scope(viewer).then(Mono.defer(work)));
		});
	}

	/** Runs work that yields many results in a transaction scoped to the viewer. */
	public <T> Flux<T> many(Viewer viewer, Supplier<Flux<T>> work) {
		return Flux.deferContextual((context) -> switch (scope(context, viewer)) {
			case SAME -> Flux.defer(work);
			case NONE -> this.transactional.transactional(scope(viewer).thenMany(Flux.defer(work)));
			case OTHER -> this.separate.transactional(scope(viewer).thenMany(Flux.defer(work)));
		});
	}

	/**
	 * Runs a whole read for the viewer in one read-only transaction with one snapshot
	 * (repeatable read); what the work reads through this class for the same viewer joins
	 * it. The scope goes with the transaction's {@code BEGIN}, in one round trip
	 * ({@link ScopedConnections}); the read always begins a transaction of its own, so
	 * that there is a {@code BEGIN} to go with.
	 */
	public <T> Mono<T> read(Viewer viewer, Mono<T> work) {
		return this.snapshot.transactional(work.contextWrite((c) -> c.delete(BeginScope.class).put(SCOPED_TO, viewer)))
			.contextWrite((c) -> c.put(BeginScope.class, beginScope(viewer)));
	}

	/**
	 * A read of statements whose values are literals ({@link SqlValues#literals()}), sent
	 * to PostgreSQL as one message behind the transaction's settings and the viewer's
	 * scope: {@code SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT
	 * set_config(...); the statements}. PostgreSQL runs the statements of one message as
	 * one transaction of their own: they read one snapshot, the scope ends with them, and
	 * a failure rolls all of it back, so the connection goes back to the pool as it came.
	 *
	 * <p>
	 * Why: {@link #read} costs three exchanges with the driver (the {@code BEGIN} and
	 * scope, the statement, the {@code COMMIT}) and Spring's transaction around them. For
	 * a query the database answers in one statement that was two fifths of the JVM's CPU
	 * per request: 0.58-0.61 ms against 0.40-0.45 ms in one message, at the same
	 * PostgreSQL CPU (the simple query of bench/, issue 7). The price is a statement
	 * planned on every run, which the portal query's 2.3 ms of PostgreSQL CPU per request
	 * did not show.
	 * @return each statement's rows, read by its {@link LiteralRead#row}, in the
	 * statements' order
	 */
	public Mono<List<List<Object>>> readInOneMessage(Viewer viewer, List<LiteralRead<?>> reads) {
		StringBuilder message = new StringBuilder(READ_SETTINGS).append(beginScope(viewer).sql());
		reads.forEach((read) -> message.append("; ").append(read.sql()));
		Flux<List<Object>> results = Flux.usingWhen(this.pool.create(),
				(connection) -> Flux.from(connection.createStatement(message.toString()).execute())
					.index()
					.concatMap((result) -> rows(result.getT2(), (int) (result.getT1() - RESULTS_BEFORE_READS), reads)),
				Connection::close);
		// Runs to its end even when the caller goes away: cancelling the driver between
		// the results of one message left rows unreleased (Netty's leak detector, under
		// load with clients that disconnect).
		return Mono.fromFuture(results.collectList().toFuture(), true).map((rows) -> {
			Assert.state(rows.size() == reads.size(), () -> rows.size() + " results for " + reads.size() + " reads");
			return rows;
		});
	}

	private static Mono<List<Object>> rows(Result result, int read, List<LiteralRead<?>> reads) {
		if (read < 0 || read >= reads.size()) {
			// The settings and the scope: consumed, so that their messages are released.
			return Mono.from(result.getRowsUpdated()).then(Mono.empty());
		}
		Function<? super Readable, ?> row = reads.get(read).row();
		return Flux.from(result.map(row::apply)).collect(ArrayList::new, List::add);
	}

	/**
	 * Work for the verified viewer of the current request, in one transaction scoped to
	 * it.
	 */
	public <T> Mono<T> forCurrentViewer(Function<Viewer, Mono<T>> work) {
		return CurrentViewer.get().flatMap((viewer) -> one(viewer, () -> work.apply(viewer)));
	}

	private static Scope scope(ContextView context, Viewer viewer) {
		Object scoped = context.getOrDefault(SCOPED_TO, null);
		return (scoped == null) ? Scope.NONE : scoped.equals(viewer) ? Scope.SAME : Scope.OTHER;
	}

	private enum Scope {

		/** No transaction of this class is open. */
		NONE,
		/** A read for this very viewer is open. */
		SAME,
		/** A read for another viewer is open; its scope must not change. */
		OTHER

	}

	/** The scope as literals, for the simple protocol. */
	private BeginScope beginScope(Viewer viewer) {
		return new BeginScope(scopeSql(viewer, SqlValues.literals()));
	}

	private Mono<Void> scope(Viewer viewer) {
		SqlValues.Bound values = SqlValues.bound();
		String sql = scopeSql(viewer, values);
		return values.bindTo(this.client.sql(sql)).fetch().first().then();
	}

	/**
	 * The viewer's scope, as transaction-local settings. A CLIENT's transaction also
	 * becomes the client role, the role the client lens policies apply to. A staff one
	 * resets the role: work for a CLIENT that joined an enclosing transaction (demo
	 * seeding walks a client's approval inside its own) must not leave the client role on
	 * the staff work that follows.
	 */
	private String scopeSql(Viewer viewer, SqlValues values) {
		String clientAccount = viewer.clientAccount();
		return "SELECT set_config('portico.tenant_id', " + values.of(viewer.tenantId().toString())
				+ ", true), set_config('portico.client_account', "
				+ values.of((clientAccount != null) ? clientAccount : "") + ", true), set_config('role', "
				+ values.of((clientAccount != null) ? this.clientRole : "none") + ", true)";
	}

}
