package io.portico.security;

import java.util.Map;
import java.util.Set;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.portico.graphql.ParsedDocuments;
import io.portico.graphql.Refusals;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Role;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * An integration's service token (role INTEGRATION) reports integration checks and does
 * nothing else: its operation must be a mutation of {@code recordIntegrationCheck} alone,
 * reading back only the check's own scalar fields. Anything more (a query, a
 * subscription, another field, a nested object through which the project could be read)
 * is refused before it runs with {@code NOT_PERMITTED}.
 */
@Component
@Order(4)
class IntegrationTokens implements WebGraphQlInterceptor {

	private static final Set<String> ALLOWED_ROOTS = Set.of("recordIntegrationCheck", "__typename");

	private final ParsedDocuments documents;

	IntegrationTokens(ParsedDocuments documents) {
		this.documents = documents;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request instanceof WebSocketGraphQlRequest socketRequest) {
			// The socket's viewer is at hand: no reactive step, which an open
			// subscription would keep for its whole life.
			Object authentication = socketRequest.getSessionInfo()
				.getAttributes()
				.get(SubscriptionAuthentication.AUTHENTICATION);
			boolean integration = authentication instanceof ViewerAuthentication viewer
					&& viewer.getPrincipal().role() == Role.INTEGRATION;
			return (!integration || allowed(request)) ? chain.next(request) : Mono.just(refusal(request));
		}
		// Without a viewer the operation goes on, to be refused as unauthenticated.
		return CurrentViewer.get()
			.map((viewer) -> viewer.role() == Role.INTEGRATION)
			.onErrorReturn(false)
			.flatMap((integration) -> (!integration || allowed(request)) ? chain.next(request)
					: Mono.just(refusal(request)));
	}

	private static WebGraphQlResponse refusal(WebGraphQlRequest request) {
		return Refusals.answer(request,
				Refusals.error(ErrorType.FORBIDDEN, "NOT_PERMITTED",
						"An integration token may only record integration checks (recordIntegrationCheck, "
								+ "reading back the check's own fields)",
						Map.of()),
				false);
	}

	private boolean allowed(WebGraphQlRequest request) {
		Document document;
		try {
			document = this.documents.document(request.getDocument());
		}
		catch (RuntimeException ex) {
			// Does not parse or is over a parser limit: it is refused for that, as for
			// anyone.
			return true;
		}
		OperationDefinition operation = ParsedDocuments.operationOf(document, request.getOperationName());
		if (operation == null) {
			return true;
		}
		if (operation.getOperation() != OperationDefinition.Operation.MUTATION) {
			return false;
		}
		for (Selection<?> root : operation.getSelectionSet().getSelections()) {
			if (!(root instanceof Field field) || !ALLOWED_ROOTS.contains(field.getName())
					|| !onlyScalars(field.getSelectionSet())) {
				return false;
			}
		}
		return true;
	}

	private static boolean onlyScalars(@Nullable SelectionSet selections) {
		if (selections == null) {
			return true;
		}
		return selections.getSelections()
			.stream()
			.allMatch((selection) -> selection instanceof Field field && field.getSelectionSet() == null);
	}

}
