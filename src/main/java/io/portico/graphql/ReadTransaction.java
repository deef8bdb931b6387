package io.portico.graphql;

import graphql.language.OperationDefinition.Operation;
import io.portico.database.Busy;
import io.portico.database.TenantDatabase;
import io.portico.shared.CurrentViewer;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * A query reads in one read-only transaction: every batch of its answer comes from one
 * snapshot, so a change committed halfway through a request cannot show in one part of
 * the answer and not in another, and the tenant is set once per request.
 *
 * <p>
 * A query the database answers in one statement per root field never gets here:
 * SqlAnswers, the interceptor before this one, reads it in one message of its own.
 *
 * <p>
 * Why one and not one per batch: the portal query (projects, milestones, documents) ran
 * three transactions of four round trips each; one transaction runs six. Mutations keep
 * one transaction per field (each is a unit of work with its event), and subscriptions
 * read per event.
 */
@Component
@Order(40)
class ReadTransaction implements WebGraphQlInterceptor {

	private final ParsedDocuments documents;

	private final TenantDatabase database;

	ReadTransaction(ParsedDocuments documents, TenantDatabase database) {
		this.documents = documents;
		this.database = database;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (this.documents.operation(request.getDocument(), request.getOperationName()) != Operation.QUERY) {
			return chain.next(request);
		}
		// The transaction runs to its end even when the caller goes away. graphql-java's
		// fields and DataLoaders keep running after a cancel; a transaction rolled back
		// under them would hand its connection back to the pool while they still used
		// it, and the next borrower found itself inside this read-only transaction.
		return Mono
			.deferContextual((context) -> Mono.fromFuture(CurrentViewer.get()
				.flatMap((viewer) -> this.database.read(viewer, chain.next(request)))
				.contextWrite(context)
				.toFuture(), true))
			// No connection for the transaction in time: nothing ran, the caller may
			// retry.
			.onErrorResume(Busy::isBusy, (ex) -> Mono.just(Refusals.answer(request, Refusals.busy(), false)));
	}

}
