package io.portico.sqlread;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query the database answers (io.portico.sqlread) answers exactly what the resolvers
 * answer: each query here is sent as it is, and again with {@code @include(if: true)} on
 * its root field, which keeps it on the resolvers' path; the two answers must be equal,
 * and only the first may be counted as answered by SQL.
 */
class SqlAnswersTests extends PorticoTest {

	private static final String PORTAL = """
			query Portal($first: Int, $after: String, $status: [ProjectStatus!]) {
			  projects(first: $first, after: $after, status: $status) ROOT {
			    __typename
			    edges {
			      cursor
			      node {
			        __typename id name status templateKey startDate targetDate scopeLocked
			        milestones {
			          id key name phase position description status approval dueDate plannedDate kind
			          ownerTeam clientVisible locksScope version
			          unlocksDocuments { id name kind contentType sizeBytes unlocked }
			        }
			        files: documents { id name unlocked }
			      }
			    }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
			  }
			}
			""";

	@Autowired
	private MeterRegistry meters;

	private String account;

	@BeforeEach
	void projects() {
		this.account = newClientAccount(BUILDER);
		for (int i = 0; i < 3; i++) {
			String project = newProject(BUILDER, this.account, "custom-home");
			String permits = milestoneId(staff(BUILDER), project, "permits-filed");
			attach(staff(BUILDER), project, permits, "Permit " + i + " \"quoted\" \\ é ✓.pdf");
			attach(staff(BUILDER), project, null, "Shared " + i + ".pdf");
			if (i == 0) {
				completeMilestone(BUILDER, this.account, permits);
			}
		}
	}

	@Test
	void theStaffPortalQueryIsTheResolversAnswer() {
		Map<String, Object> data = sameAnswer(staffToken(), PORTAL, Map.of("first", 3));
		assertThat(edges(data)).hasSize(3);
	}

	@Test
	void aClientSeesWhatItsResolversLetItSee() {
		Map<String, Object> data = sameAnswer(clientToken(), PORTAL, Map.of());
		List<Map<String, Object>> edges = edges(data);
		assertThat(edges).hasSize(3);
		// The client lens hides the locked permit documents of the two open projects.
		assertThat(edges.stream().mapToInt((edge) -> files(edge).size()).sum()).isEqualTo(3 + 1);
	}

	@Test
	void pagesFollowEachOtherAsTheResolversPageThem() {
		Map<String, Object> first = sameAnswer(clientToken(), PORTAL, Map.of("first", 2));
		@SuppressWarnings("unchecked")
		String end = (String) ((Map<String, Object>) ((Map<String, Object>) first.get("projects")).get("pageInfo"))
			.get("endCursor");
		Map<String, Object> second = sameAnswer(clientToken(), PORTAL, Map.of("first", 2, "after", end));
		assertThat(edges(first)).hasSize(2);
		assertThat(edges(second)).hasSize(1);
	}

	@Test
	void argumentsCoerceAsGraphQlCoercesThem() {
		// A single enum value for a list, literals, aliases and the default page size.
		sameAnswer(clientToken(), PORTAL, Map.of("status", "ACTIVE"));
		sameAnswer(clientToken(), """
				{ a: projects(status: ACTIVE, first: 1) ROOT { edges { node { id } } }
				  b: projects ROOT { pageInfo { hasNextPage } } __typename }
				""", Map.of());
	}

	@Test
	void argumentsTheFeatureRefusesAreReportedByItsResolver() {
		double before = answered();
		Map<String, Object> tooMany = answer(clientToken(), PORTAL.replace("ROOT", ""), Map.of("first", 0));
		Map<String, Object> badCursor = answer(clientToken(), PORTAL.replace("ROOT", ""), Map.of("after", "nope"));
		assertThat(code(tooMany)).isEqualTo("INVALID_PAGE_SIZE");
		assertThat(code(badCursor)).isEqualTo("INVALID_CURSOR");
		assertThat(answered()).isEqualTo(before);
	}

	@Test
	void aFieldWithoutSqlTakesTheResolversPath() {
		double before = answered();
		Map<String, Object> body = answer(clientToken(), "{ projects { edges { node { id progress { total } } } } }",
				Map.of());
		assertThat(body).doesNotContainKey("errors");
		assertThat(answered()).isEqualTo(before);
	}

	@Test
	void aPageReadsWhatCursorsAreMadeOfOnlyWhenTheQueryAsksForOne() {
		long before = this.statements.count("created_micros");
		sameAnswer(clientToken(), "{ projects ROOT { edges { node { id } } pageInfo { hasNextPage } } }", Map.of());
		assertThat(this.statements.count("created_micros")).isEqualTo(before);
		sameAnswer(clientToken(), "{ projects ROOT { pageInfo { endCursor } } }", Map.of());
		sameAnswer(clientToken(), "{ projects ROOT { edges { cursor } } }", Map.of());
		assertThat(this.statements.count("created_micros")).isEqualTo(before + 2);
	}

	@Test
	void theWholePortalQueryIsOneMessage() {
		String query = PORTAL.replace("ROOT", "");
		// The transaction's settings, the scope and the page with its milestones and
		// documents, sent together (the resolvers' path sends four: the BEGIN with the
		// scope, the page, then one per list).
		assertThat(fewestStatements(() -> answer(clientToken(), query, Map.of()))).isEqualTo(1);
	}

	/**
	 * The query's data, after checking that it is the resolvers' data and that only the
	 * query as it is was answered by SQL.
	 */
	private Map<String, Object> sameAnswer(String token, String query, Map<String, Object> variables) {
		double before = answered();
		Map<String, Object> bySql = answer(token, query.replace("ROOT", ""), variables);
		assertThat(answered()).isEqualTo(before + 1);
		Map<String, Object> byResolvers = answer(token, query.replace("ROOT", "@include(if: true)"), variables);
		assertThat(answered()).isEqualTo(before + 1);
		assertThat(bySql).doesNotContainKey("errors");
		assertThat(byResolvers).doesNotContainKey("errors");
		assertThat(bySql.get("data")).isEqualTo(byResolvers.get("data"));
		@SuppressWarnings("unchecked")
		Map<String, Object> data = (Map<String, Object>) bySql.get("data");
		return data;
	}

	private Map<String, Object> answer(String token, String query, Map<String, Object> variables) {
		EntityExchangeResult<Map<String, Object>> result = post(token, query, variables);
		assertThat(result.getStatus().value()).isEqualTo(200);
		return java.util.Objects.requireNonNull(result.getResponseBody());
	}

	private double answered() {
		return this.meters.counter("portico.sql.answers").count();
	}

	private String staffToken() {
		return this.tokens.issue(BUILDER, Role.STAFF, "staff@" + BUILDER, null, List.of("site"), Duration.ofMinutes(5));
	}

	private String clientToken() {
		return this.tokens.issue(BUILDER, Role.CLIENT, "user@" + this.account, this.account, List.of(),
				Duration.ofMinutes(5));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> edges(Map<String, Object> data) {
		return (List<Map<String, Object>>) ((Map<String, Object>) data.get("projects")).get("edges");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> files(Map<String, Object> edge) {
		return (List<Object>) ((Map<String, Object>) edge.get("node")).get("files");
	}

	@SuppressWarnings("unchecked")
	private static String code(Map<String, Object> body) {
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
		return (String) ((Map<String, Object>) errors.get(0).get("extensions")).get("code");
	}

}
