package io.portico.graphql;

import java.util.List;
import java.util.Map;

import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.parser.InvalidSyntaxException;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.portico.shared.Inputs;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * No text with a NUL or another control character (tab, line feed and carriage return
 * aside) reaches a resolver, whatever field it is for: PostgreSQL cannot store NUL, and
 * would fail the whole write as an opaque error. Checked in the variables and in the
 * string literals of the document, and refused as {@code INVALID_CHARACTERS} naming
 * where.
 */
@Component
@Order(6)
class ControlCharacters implements WebGraphQlInterceptor {

	private final ParsedDocuments documents;

	ControlCharacters(ParsedDocuments documents) {
		this.documents = documents;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String where = inVariables("", request.getVariables());
		if (where == null) {
			where = inLiterals(request.getDocument());
		}
		if (where == null) {
			return chain.next(request);
		}
		boolean subscription = this.documents.operation(request.getDocument(),
				request.getOperationName()) == OperationDefinition.Operation.SUBSCRIPTION;
		return Mono.just(Refusals.answer(request, Refusals.error(ErrorType.BAD_REQUEST, "INVALID_CHARACTERS",
				"'" + where + "' holds a control character", Map.of("field", where)), subscription));
	}

	private static @Nullable String inVariables(String path, @Nullable Object value) {
		if (value instanceof String text) {
			return Inputs.hasControlCharacters(text) ? path : null;
		}
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String found = inVariables(
						path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey(),
						entry.getValue());
				if (found != null) {
					return found;
				}
			}
		}
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				String found = inVariables(path + "[" + i + "]", list.get(i));
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/**
	 * A literal in the document, written raw or as an escape; most documents have none.
	 */
	private @Nullable String inLiterals(String query) {
		if (!query.contains("\\u") && !Inputs.hasControlCharacters(query.replace('\t', ' '))) {
			return null;
		}
		Document document;
		try {
			document = this.documents.document(query);
		}
		catch (InvalidSyntaxException ex) {
			return null;
		}
		String[] found = { null };
		new NodeTraverser().depthFirst(new NodeVisitorStub() {
			@Override
			@SuppressWarnings("rawtypes") // as graphql-java declares it
			public TraversalControl visitStringValue(StringValue node, TraverserContext<Node> context) {
				if (found[0] == null && Inputs.hasControlCharacters(node.getValue())) {
					found[0] = "line " + node.getSourceLocation().getLine();
				}
				return TraversalControl.CONTINUE;
			}
		}, document);
		return found[0];
	}

}
