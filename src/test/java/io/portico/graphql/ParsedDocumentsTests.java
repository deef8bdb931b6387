package io.portico.graphql;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.OperationDefinition.Operation;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedDocumentsTests {

	private final ParsedDocuments documents = new ParsedDocuments();

	private final AtomicInteger parsed = new AtomicInteger();

	private final Function<ExecutionInput, PreparsedDocumentEntry> parse = (input) -> {
		this.parsed.incrementAndGet();
		return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
	};

	@Test
	void aDocumentIsParsedAndValidatedOnceWhateverItsVariables() {
		String query = "query($first: Int) { projects(first: $first) { edges { node { id } } } }";
		PreparsedDocumentEntry first = this.documents.getDocumentAsync(input(query, 1), this.parse).join();
		PreparsedDocumentEntry second = this.documents.getDocumentAsync(input(query, 2), this.parse).join();

		assertThat(second).isSameAs(first);
		assertThat(this.parsed).hasValue(1);
	}

	@Test
	void aDocumentThatFailsValidationIsCheckedAgainEveryTime() {
		Function<ExecutionInput, PreparsedDocumentEntry> invalid = (input) -> {
			this.parsed.incrementAndGet();
			return new PreparsedDocumentEntry(ValidationError.newValidationError()
				.validationErrorType(ValidationErrorType.FieldUndefined)
				.description("no such field")
				.build());
		};
		this.documents.getDocumentAsync(input("{ nope }", 1), invalid).join();
		this.documents.getDocumentAsync(input("{ nope }", 1), invalid).join();

		assertThat(this.parsed).hasValue(2);
	}

	@Test
	void tellsWhichOperationARequestRuns() {
		String both = "query Read { projects { edges { cursor } } } mutation Write { saveClientAccount(input: {id: \"a\", name: \"A\"}) { id } }";

		assertThat(this.documents.operation("{ projects { edges { cursor } } }", null)).isEqualTo(Operation.QUERY);
		assertThat(this.documents.operation(both, "Read")).isEqualTo(Operation.QUERY);
		assertThat(this.documents.operation(both, "Write")).isEqualTo(Operation.MUTATION);
		assertThat(this.documents.operation("subscription { portalEvents { cursor } }", null))
			.isEqualTo(Operation.SUBSCRIPTION);
		assertThat(this.documents.operation(both, null)).isNull();
		assertThat(this.documents.operation(both, "Other")).isNull();
		assertThat(this.documents.operation("{ projects {", null)).isNull();
	}

	private static ExecutionInput input(String query, int first) {
		return ExecutionInput.newExecutionInput(query).variables(java.util.Map.of("first", first)).build();
	}

}
