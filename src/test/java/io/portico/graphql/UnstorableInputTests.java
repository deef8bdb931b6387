package io.portico.graphql;

import java.util.Map;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that PostgreSQL or date arithmetic would fail on as an opaque error is refused
 * first, as BAD_REQUEST with a code and the field, and nothing is written.
 */
class UnstorableInputTests extends PorticoTest {

	@Test
	void aNulInAnyVariableIsRefusedNamingWhere() {
		HttpGraphQlTester.Response response = staff(BUILDER).documentName("saveClientAccount")
			.variable("id", "nul-account")
			.variable("name", "Nul\u0000Account")
			.execute();

		assertThat(errorOf(response)).containsEntry("code", "INVALID_CHARACTERS").containsEntry("field", "name");
		staff(BUILDER).document("{ clientAccounts { id } }")
			.execute()
			.path("clientAccounts[*].id")
			.entityList(String.class)
			.doesNotContain("nul-account");
	}

	@Test
	void aNulWrittenAsAnEscapeInTheDocumentIsRefusedToo() {
		HttpGraphQlTester.Response response = staff(BUILDER)
			.document("mutation { saveClientAccount(input: {id: \"escaped\", name: \"a\\u0000b\"}) { id } }")
			.execute();

		assertThat(errorCode(response)).isEqualTo("INVALID_CHARACTERS");
	}

	@Test
	void namesAreOneLineWhileDescriptionsMaySpanSeveral() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String milestone = milestoneId(staff(BUILDER), project, "permits-filed");

		assertThat(errorOf(update(milestone, Map.of("name", "Two\nlines")))).containsEntry("code", "INVALID_CHARACTERS")
			.containsEntry("field", "name");
		update(milestone, Map.of("description", "Line one\nLine two\ttabbed")).errors().verify();
		assertThat(errorOf(update(milestone, Map.of("description", "Bell\u0007")))).containsEntry("code",
				"INVALID_CHARACTERS");
	}

	@Test
	void datesOutsideTheSaneRangeAreRefused() {
		String account = newClientAccount(BUILDER);
		HttpGraphQlTester.Response project = staff(BUILDER).documentName("createProject")
			.variable("input",
					Map.of("templateKey", "custom-home", "name", "Far future", "clientAccountId", account, "startDate",
							"9999-01-01", "contractValue", "100000"))
			.execute();
		assertThat(errorOf(project)).containsEntry("code", "DATE_OUT_OF_RANGE").containsEntry("field", "startDate");

		String milestone = milestoneId(staff(BUILDER), newProject(BUILDER, account, "custom-home"), "permits-filed");
		assertThat(errorOf(update(milestone, Map.of("dueDate", "1066-10-14"))))
			.containsEntry("code", "DATE_OUT_OF_RANGE")
			.containsEntry("field", "dueDate");
	}

	private HttpGraphQlTester.Response update(String milestone, Map<String, Object> fields) {
		Map<String, Object> input = new java.util.HashMap<>(fields);
		input.put("id", milestone);
		return staff(BUILDER).documentName("updateMilestone").variable("input", input).execute();
	}

}
