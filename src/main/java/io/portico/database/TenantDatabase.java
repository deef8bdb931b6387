package io.portico.database;

import java.util.function.Function;
import java.util.function.Supplier;

import io.portico.shared.CurrentViewer;
import io.portico.shared.Viewer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The only way into the database: one transaction per unit of work, whose first statement
 * sets the viewer's tenant (and, for a CLIENT, its client account) as transaction-local
 * settings that the row-level security policies read.
 *
 * <p>
 * {@code set_config(..., true)} lasts until the transaction ends, so a pooled connection
 * never carries one tenant's setting into another's work; outside a transaction the
 * settings are empty and every policy answers with no rows. Work nested inside an open
 * transaction joins it, so a mutation and its event commit together.
 */
@Component
public class TenantDatabase {

	private static final String SCOPE = """
			SELECT set_config('portico.tenant_id', :tenant, true),
			       set_config('portico.client_account', :client, true)
			""";

	private final DatabaseClient client;

	private final TransactionalOperator transactional;

	TenantDatabase(DatabaseClient client, ReactiveTransactionManager transactionManager) {
		this.client = client;
		this.transactional = TransactionalOperator.create(transactionManager);
	}

	/** Runs work that yields one result in a transaction scoped to the viewer. */
	public <T> Mono<T> one(Viewer viewer, Supplier<Mono<T>> work) {
		return this.transactional.transactional(scope(viewer).then(Mono.defer(work)));
	}

	/** Runs work that yields many results in a transaction scoped to the viewer. */
	public <T> Flux<T> many(Viewer viewer, Supplier<Flux<T>> work) {
		return this.transactional.transactional(scope(viewer).thenMany(Flux.defer(work)));
	}

	/**
	 * Work for the verified viewer of the current request, in one transaction scoped to
	 * it.
	 */
	public <T> Mono<T> forCurrentViewer(Function<Viewer, Mono<T>> work) {
		return CurrentViewer.get().flatMap((viewer) -> one(viewer, () -> work.apply(viewer)));
	}

	private Mono<Void> scope(Viewer viewer) {
		return this.client.sql(SCOPE)
			.bind("tenant", viewer.tenantId().toString())
			.bind("client", (viewer.clientAccount() != null) ? viewer.clientAccount() : "")
			.fetch()
			.first()
			.then();
	}

}
