package io.portico.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.OperationDefinition.Operation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder;
import org.springframework.stereotype.Component;

/**
 * Documents parsed and validated once, then reused: a portal sends the same few documents
 * over and over, and graphql-java would otherwise parse and validate each one on every
 * request.
 *
 * <p>
 * Why: parsing and validation took 13 % of the CPU samples and 40 % of the allocation of
 * a simple query under load (JFR, issue 7). Validation depends on the document and the
 * schema only (variables are checked at execution), so the document text is the whole
 * key. Documents that fail to parse or validate are not kept, and the cache is bounded by
 * the total length of the documents it holds.
 */
@Component
public class ParsedDocuments implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

	/** Characters of document text kept in all. */
	static final long MAX_CHARACTERS = 8_000_000;

	private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.<String, PreparsedDocumentEntry>weigher((query, entry) -> query.length())
		.build();

	/**
	 * Documents parsed for the interceptors before graphql-java has validated them, or
	 * that graphql-java never sees: a query the database answers (io.portico.sqlread)
	 * skips execution, and parsing it twice a request took 15 % of the CPU of the simple
	 * query (JFR, issue 7).
	 */
	private final Cache<String, Document> parsed = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.<String, Document>weigher((query, document) -> query.length())
		.build();

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		PreparsedDocumentEntry known = this.documents.getIfPresent(input.getQuery());
		if (known != null) {
			return CompletableFuture.completedFuture(known);
		}
		PreparsedDocumentEntry entry = parseAndValidate.apply(input);
		if (!entry.hasErrors()) {
			this.documents.put(input.getQuery(), entry);
		}
		return CompletableFuture.completedFuture(entry);
	}

	/**
	 * The kind of operation a request runs, or null when the document does not parse or
	 * names no such operation (execution then reports why). A document seen for the first
	 * time is parsed here and once more by graphql-java, which then keeps it.
	 */
	@Nullable Operation operation(String query, @Nullable String operationName) {
		OperationDefinition chosen;
		try {
			chosen = operationOf(document(query), operationName);
		}
		catch (InvalidSyntaxException ex) {
			return null;
		}
		return (chosen != null) ? chosen.getOperation() : null;
	}

	/**
	 * The document of a request: the one kept, or parsed now under graphql-java's
	 * operation parser limits (the ones its own parsing of requests applies) and kept.
	 * @throws InvalidSyntaxException when it does not parse, or
	 * {@link graphql.parser.exceptions.ParseCancelledException} when it is over a limit
	 */
	public Document document(String query) {
		PreparsedDocumentEntry known = this.documents.getIfPresent(query);
		if (known != null) {
			return known.getDocument();
		}
		Document document = this.parsed.getIfPresent(query);
		if (document == null) {
			document = Parser.parse(ParserEnvironment.newParserEnvironment()
				.document(query)
				.parserOptions(ParserOptions.getDefaultOperationParserOptions())
				.build());
			this.parsed.put(query, document);
		}
		return document;
	}

	/** The operation a request names, or its only one; null when there is no such one. */
	public static @Nullable OperationDefinition operationOf(Document document, @Nullable String operationName) {
		OperationDefinition chosen = null;
		for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
			if (operationName == null || operationName.equals(operation.getName())) {
				if (chosen != null && operationName == null) {
					return null;
				}
				chosen = operation;
			}
		}
		return chosen;
	}

	@Override
	public void customize(SchemaResourceBuilder builder) {
		builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(this));
	}

}
