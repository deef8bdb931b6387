package io.portico.guard;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.TestIdentityProviders;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations too deep, too wide or too costly are refused before they run, with a code
 * that says which limit; an answered one reports its cost.
 */
class QueryLimitsTests extends PorticoTest {

	private static final String TIGHT = TestIdentityProviders.TIGHT_TENANT;

	/** What a page of projects sends, by either path; a refused query sends none. */
	private static final String PROJECT_PAGE = "ORDER BY created_at DESC, id DESC LIMIT";

	@Test
	void aQueryThatLoopsThroughProjectsAndMilestonesIsRefusedBeforeItRuns() {
		// Each level multiplies the answer by the milestones of a project.
		StringBuilder query = new StringBuilder("{ projects { edges { node { id ");
		query.append("milestones { id project { id ".repeat(4)).append("}}".repeat(4)).append("}}}}");
		long before = this.statements.count(PROJECT_PAGE);

		Map<String, Object> error = refusal(staffToken(BUILDER, "loop"), query.toString());

		assertThat(error).containsEntry("code", "QUERY_TOO_COSTLY").containsEntry("limit", 50000);
		assertThat(this.statements.count(PROJECT_PAGE)).isEqualTo(before);
	}

	@Test
	void aQueryNestedDeeperThanTheLimitIsRefusedHoweverCheap() {
		String query = "{ projects(first: 1) { edges { node { " + "nextMilestone { project { ".repeat(7) + "id"
				+ " } }".repeat(7) + " } } } }";

		Map<String, Object> error = refusal(staffToken(BUILDER, "deep"), query);

		assertThat(error).containsEntry("code", "QUERY_TOO_DEEP").containsEntry("limit", 15);
	}

	@Test
	void aQueryWhoseNestedListsMultiplyPastTheBudgetIsRefused() {
		String query = "{ projects(first: 100) { edges { node { milestones { dependsOn { dependsOn { id } } } } } } }";

		Map<String, Object> error = refusal(staffToken(BUILDER, "costly"), query);

		assertThat(error).containsEntry("code", "QUERY_TOO_COSTLY").containsEntry("limit", 50000);
	}

	@Test
	void thousandsOfAliasesAreRefusedWithoutOpeningATransactionEach() {
		StringBuilder query = new StringBuilder("{");
		for (int i = 0; i < 300; i++) {
			query.append(" p").append(i).append(": projects(first: 1) { edges { cursor } }");
		}
		query.append(" }");
		long before = this.statements.count(PROJECT_PAGE);

		Map<String, Object> error = refusal(staffToken(BUILDER, "aliases"), query.toString());

		assertThat(error).containsEntry("code", "TOO_MANY_FIELDS").containsEntry("limit", 20);
		assertThat(this.statements.count(PROJECT_PAGE)).isEqualTo(before);
	}

	@Test
	void fragmentsThatExpandExponentiallyAreRefusedAfterCountingTheLimitOnly() {
		StringBuilder query = new StringBuilder("{ projects(first: 1) { edges { node { ...f0 } } } }");
		for (int i = 0; i < 30; i++) {
			query.append(" fragment f")
				.append(i)
				.append(" on Project { id ...f")
				.append(i + 1)
				.append(" ...f")
				.append(i + 1)
				.append(" }");
		}
		query.append(" fragment f30 on Project { name }");

		Map<String, Object> error = refusal(staffToken(BUILDER, "fragments"), query.toString());

		assertThat(error).containsEntry("code", "TOO_MANY_FIELDS").containsEntry("limit", 500);
	}

	@Test
	void aDocumentOverTheParserLimitsIsRefusedAsTooLarge() {
		String query = "{ projects { edges { node { " + "id ".repeat(6000) + "} } } }";

		Map<String, Object> error = refusal(staffToken(BUILDER, "large"), query);

		assertThat(error).containsEntry("code", "QUERY_TOO_LARGE");
	}

	@Test
	void anAnsweredQueryReportsItsCostSoAClientCanBudget() {
		EntityExchangeResult<Map<String, Object>> answer = post(staffToken(BUILDER, "budget"),
				"{ projects(first: 20) { edges { node { id milestones { id } } } } }");
		Map<String, Object> body = answer.getResponseBody();

		assertThat(body).containsKey("data");
		@SuppressWarnings("unchecked")
		Map<String, Object> cost = (Map<String, Object>) ((Map<String, Object>) body.get("extensions")).get("cost");
		// The connection, its 20 edges and nodes, 10 milestones estimated for each.
		assertThat(cost).containsEntry("requested", 241)
			.containsEntry("limit", 50000)
			.containsEntry("perMinute", 1000000);
		assertThat(answer.getResponseHeaders().getFirst("X-RateLimit-Limit")).isEqualTo("1000000");
		assertThat(Long.parseLong(answer.getResponseHeaders().getFirst("X-RateLimit-Remaining")))
			.isLessThanOrEqualTo(1000000 - 241);
	}

	@Test
	void variablesAndSkippedFieldsCountAsTheyWillRun() {
		String query = "query($n: Int, $deep: Boolean!) { projects(first: $n) { edges { node { id "
				+ "milestones @include(if: $deep) { dependsOn { id } } } } } }";
		String token = staffToken(TIGHT, "variables");

		assertThat(cost(post(token, query, Map.of("n", 5, "deep", false)).getResponseBody())).isEqualTo(11);
		assertThat(refusalOf(post(token, query, Map.of("n", 5, "deep", true)).getResponseBody()))
			.containsEntry("code", "QUERY_TOO_COSTLY")
			.containsEntry("limit", 300);
	}

	@Test
	void aTenantsFileSetsItsOwnLimits() {
		String token = staffToken(TIGHT, "own-limits");

		assertThat(refusal(token,
				"{ projects(first: 1) { edges { node { nextMilestone { project { nextMilestone { id } } } } } } }"))
			.containsEntry("code", "QUERY_TOO_DEEP")
			.containsEntry("limit", 6);
		assertThat(refusal(token, "{ a: viewer { role } b: viewer { role } c: viewer { role } d: viewer { role } }"))
			.containsEntry("code", "TOO_MANY_FIELDS")
			.containsEntry("limit", 3);
	}

	private String staffToken(String tenant, String who) {
		return this.tokens.issue(tenant, Role.STAFF, who + "@" + tenant, null, List.of("site"), Duration.ofMinutes(10));
	}

	private Map<String, Object> refusal(String token, String query) {
		EntityExchangeResult<Map<String, Object>> result = post(token, query);
		assertThat(result.getStatus().value()).isEqualTo(200);
		return refusalOf(result.getResponseBody());
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> refusalOf(Map<String, Object> body) {
		assertThat(body).doesNotContainKey("data");
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).get("message")).asString().isNotBlank();
		return (Map<String, Object>) errors.get(0).get("extensions");
	}

	@SuppressWarnings("unchecked")
	private static long cost(Map<String, Object> body) {
		assertThat(body).containsKey("data");
		Map<String, Object> cost = (Map<String, Object>) ((Map<String, Object>) body.get("extensions")).get("cost");
		return ((Number) cost.get("requested")).longValue();
	}

	private EntityExchangeResult<Map<String, Object>> post(String token, String query) {
		return post(token, query, Map.of());
	}

}
