package io.portico.project;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.portico.PorticoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An id of another tenant answers exactly like an id that does not exist, for every query
 * and mutation, and a refused cross-tenant mutation changes nothing.
 */
class TenantIsolationTests extends PorticoTest {

	private String project;

	private String milestone;

	private String account;

	@BeforeEach
	void builderHasAProjectUnderWay() {
		this.account = newClientAccount(BUILDER);
		this.project = newProject(BUILDER, this.account, "custom-home");
		this.milestone = milestoneId(staff(BUILDER), this.project, "permits-filed");
		staff(BUILDER).documentName("startMilestone").variable("id", this.milestone).execute();
	}

	@Test
	void eventCursorsCountTheTenantsOwnEventsOnly() {
		String small = io.portico.TestIdentityProviders.SMALL_FILES_TENANT;
		String project = newProject(small, newClientAccount(small), "simple");
		long before = position(creationCursor(small, project));
		// Other tenants' events in between: a cursor must not let anyone count them.
		HttpGraphQlTester builder = staff(BUILDER);
		String busy = milestoneId(builder, newProject(BUILDER, newClientAccount(BUILDER), "custom-home"),
				"permits-filed");
		for (int i = 0; i < 5; i++) {
			builder.documentName("updateMilestone")
				.variable("input", Map.of("id", busy, "description", "Update " + i))
				.execute()
				.errors()
				.verify();
		}
		staff(small).documentName("updateMilestone")
			.variable("input", Map.of("id", milestoneId(staff(small), project, "only"), "description", "Next"))
			.execute()
			.errors()
			.verify();

		long after = position(creationCursor(small, project));
		assertThat(after).isEqualTo(before + 1);
	}

	/** What an event cursor stands for, read the way anyone could read it. */
	private static long position(String cursor) {
		String raw = new String(java.util.Base64.getUrlDecoder().decode(cursor),
				java.nio.charset.StandardCharsets.UTF_8);
		return Long.parseLong(raw.substring(raw.indexOf(':') + 1));
	}

	@Test
	void anotherTenantsProjectIsNull() {
		String unknown = UUID.randomUUID().toString();
		for (HttpGraphQlTester agency : List.of(staff(AGENCY), admin(AGENCY))) {
			for (String id : List.of(this.project, unknown)) {
				agency.documentName("projectMilestones").variable("id", id).execute().path("project").valueIsNull();
				agency.documentName("activity").variable("id", id).execute().path("project").valueIsNull();
			}
		}
	}

	@Test
	void anotherTenantsMilestoneIsNull() {
		for (String id : List.of(this.milestone, UUID.randomUUID().toString())) {
			staff(AGENCY).documentName("milestone").variable("id", id).execute().path("milestone").valueIsNull();
		}
	}

	@Test
	void anotherTenantsProjectsAreNotListed() {
		List<String> ids = admin(AGENCY).document("{ projects(first: 100) { edges { node { id } } } }")
			.execute()
			.path("projects.edges[*].node.id")
			.entityList(String.class)
			.get();
		assertThat(ids).isNotEmpty().doesNotContain(this.project);
		admin(AGENCY).document("{ clientAccounts { id } }")
			.execute()
			.path("clientAccounts[*].id")
			.entityList(String.class)
			.doesNotContain(this.account);
	}

	static Stream<String> milestoneMutations() {
		return Stream.of("startMilestone", "submitMilestone", "approveMilestone", "completeMilestone", "requestChanges",
				"updateMilestone");
	}

	@ParameterizedTest
	@MethodSource("milestoneMutations")
	void mutationOfAnotherTenantsMilestoneIsNotFoundAndChangesNothing(String mutation) {
		Map<String, Object> before = ownersView();
		String unknown = UUID.randomUUID().toString();

		ResponseError foreign = refusal(admin(AGENCY), mutation, this.milestone);
		ResponseError missing = refusal(admin(AGENCY), mutation, unknown);

		assertThat(foreign.getExtensions()).isEqualTo(missing.getExtensions()
			.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
					(e) -> e.getValue().equals(unknown) ? this.milestone : e.getValue())));
		assertThat(foreign.getExtensions()).containsEntry("code", "NOT_FOUND")
			.containsEntry("classification", "NOT_FOUND");
		assertThat(foreign.getMessage()).isEqualTo(missing.getMessage().replace(unknown, this.milestone));
		assertThat(ownersView()).isEqualTo(before);
	}

	@Test
	void projectForAnotherTenantsClientAccountIsNotFound() {
		long before = agencyProjectCount();
		Map<String, Object> input = Map.of("templateKey", "brand-and-website", "name", "Poaching", "clientAccountId",
				this.account, "startDate", LocalDate.now().toString());
		staff(AGENCY).documentName("createProject")
			.variable("input", input)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "NOT_FOUND"));
		assertThat(agencyProjectCount()).isEqualTo(before);
	}

	private long agencyProjectCount() {
		return admin(AGENCY).document("{ projects(first: 100) { edges { node { id } } } }")
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.get()
			.size();
	}

	@Test
	void clientOfAnotherTenantSeesNothingEvenWithTheSameAccountName() {
		client(AGENCY, this.account).documentName("projectMilestones")
			.variable("id", this.project)
			.execute()
			.path("project")
			.valueIsNull();
		client(AGENCY, this.account).document("{ projects { edges { node { id } } } }")
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.hasSize(0);
	}

	private static ResponseError refusal(HttpGraphQlTester tester, String mutation, String id) {
		HttpGraphQlTester.Request<?> request = mutation.equals("updateMilestone")
				? tester.documentName("updateMilestone").variable("input", Map.of("id", id, "name", "Taken over"))
				: tester.documentName(mutation).variable("id", id).variable("reason", "Taken over");
		List<ResponseError> errors = new java.util.ArrayList<>();
		request.execute().errors().satisfy(errors::addAll);
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

	/**
	 * Everything about the project its own tenant can read: status, versions, activity.
	 */
	private Map<String, Object> ownersView() {
		return staff(BUILDER).document("""
				query($id: ID!) {
				  project(id: $id) {
				    name
				    milestones { id name status version signOff { by } }
				    activity(first: 100) { edges { cursor } }
				  }
				}
				""").variable("id", this.project).execute().path("project").entity(MAP_TYPE).get();
	}

	private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP_TYPE = new org.springframework.core.ParameterizedTypeReference<>() {
	};

}
