package io.portico.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document tied to a milestone is locked for clients — not listed, not readable, not
 * announced — until the milestone completes, whoever completes it.
 */
class DocumentTests extends PorticoTest {

	private static final String ATTACH = """
			mutation($input: AttachDocumentInput!) {
			  attachDocument(input: $input) { id name kind unlocked unlockedAt unlockedBy { key } }
			}
			""";

	private static final String PROJECT_DOCUMENTS = """
			query($id: ID!) {
			  project(id: $id) {
			    documents { id unlocked unlockedAt unlockedBy { key } }
			    milestones { key unlocksDocuments { id } }
			    activity { edges { node { __typename ... on DocumentUnlocked { document { id } milestone { key } } } } }
			  }
			}
			""";

	@Test
	void aDocumentTiedToAMilestoneStaysLockedForClientsUntilItCompletes() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		HttpGraphQlTester client = client(BUILDER, account);
		String permits = milestoneId(staff, project, "permits-filed");
		String document = attach(staff, project, permits, "Permit set", "permit");

		staff.document(PROJECT_DOCUMENTS)
			.variable("id", project)
			.execute()
			.path("project.documents[0].unlocked")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("project.documents[0].unlockedBy.key")
			.entity(String.class)
			.isEqualTo("permits-filed")
			.path("project.milestones[0].unlocksDocuments[*].id")
			.entityList(String.class)
			.containsExactly(document);
		client.document(PROJECT_DOCUMENTS)
			.variable("id", project)
			.execute()
			.path("project.documents")
			.entityList(Object.class)
			.hasSize(0)
			.path("project.milestones[0].unlocksDocuments")
			.entityList(Object.class)
			.hasSize(0)
			.path("project.activity.edges[*].node.__typename")
			.entityList(String.class)
			.doesNotContain("DocumentUnlocked");
		client.document("query($id: ID!) { document(id: $id) { id } }")
			.variable("id", document)
			.execute()
			.path("document")
			.valueIsNull();

		walk(staff, permits, "startMilestone", "completeMilestone");

		client.document(PROJECT_DOCUMENTS)
			.variable("id", project)
			.execute()
			.path("project.documents[*].id")
			.entityList(String.class)
			.containsExactly(document)
			.path("project.documents[0].unlocked")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("project.documents[0].unlockedAt")
			.hasValue()
			.path("project.activity.edges[0].node.document.id")
			.entity(String.class)
			.isEqualTo(document)
			.path("project.activity.edges[0].node.milestone.key")
			.entity(String.class)
			.isEqualTo("permits-filed");
		client.document("query($id: ID!) { document(id: $id) { name kind unlocked } }")
			.variable("id", document)
			.execute()
			.path("document")
			.entity(Map.class)
			.isEqualTo(Map.of("name", "Permit set", "kind", "permit", "unlocked", true));
	}

	@Test
	void aDocumentWithoutAMilestoneIsSharedAtOnce() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		String document = attach(staff(BUILDER), project, null, "Welcome pack", null);

		client(BUILDER, account).document(PROJECT_DOCUMENTS)
			.variable("id", project)
			.execute()
			.path("project.documents[*].id")
			.entityList(String.class)
			.containsExactly(document)
			.path("project.activity.edges[0].node.document.id")
			.entity(String.class)
			.isEqualTo(document)
			.path("project.activity.edges[0].node.milestone")
			.valueIsNull();
	}

	@Test
	void aClientCompletingItsOwnMilestoneUnlocksDocumentsItCouldNotSeeBefore() {
		String account = newClientAccount(SAAS);
		String project = newProject(SAAS, account, "standard-onboarding");
		HttpGraphQlTester staff = staff(SAAS);
		HttpGraphQlTester client = client(SAAS, account);
		String verified = milestoneId(staff, project, "data-migration-verified");
		String document = attach(staff, project, verified, "Training plan", "training-plan");
		walk(staff, milestoneId(staff, project, "kickoff"), "startMilestone", "completeMilestone");
		String integrations = milestoneId(staff, project, "integrations-configured");
		walk(staff, integrations, "startMilestone", "submitMilestone");
		passRequiredChecks(staff, integrations);
		act(staff, "approveMilestone", integrations).path("approveMilestone.status")
			.entity(String.class)
			.isEqualTo("COMPLETED");

		walk(client, verified, "startMilestone", "completeMilestone");

		client.document(PROJECT_DOCUMENTS)
			.variable("id", project)
			.execute()
			.path("project.documents[*].id")
			.entityList(String.class)
			.containsExactly(document);
	}

	@Test
	void attachingIsForStaffChecksItsInputAndWritesNothingWhenRefused() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		String otherProject = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String foreignMilestone = milestoneId(staff, otherProject, "permits-filed");
		String foreignTenantProject = newProject(AGENCY, newClientAccount(AGENCY), "brand-and-website");

		assertThat(code(client(BUILDER, account), input(project, null, "Mine now", null))).isEqualTo("NOT_PERMITTED");
		assertThat(code(staff, input(project, foreignMilestone, "Wrong project", null))).isEqualTo("NOT_FOUND");
		assertThat(code(staff, input(foreignTenantProject, null, "Other tenant", null))).isEqualTo("NOT_FOUND");
		assertThat(code(staff, input(project, null, "  ", null))).isEqualTo("BLANK_FIELD");
		assertThat(code(staff, input(project, null, "Report", "Inspection Report"))).isEqualTo("INVALID_KIND");
		Map<String, Object> badType = input(project, null, "Report", null);
		badType.put("contentType", "pdf");
		assertThat(code(staff, badType)).isEqualTo("INVALID_CONTENT_TYPE");
		assertThat(code(staff, input(project, "not-an-id", "Report", null))).isEqualTo("INVALID_ID");
		Map<String, Object> negative = input(project, null, "Report", null);
		negative.put("sizeBytes", -1);
		assertThat(code(staff, negative)).isEqualTo("INVALID_SIZE");

		staff.document(PROJECT_DOCUMENTS)
			.variable("id", project)
			.execute()
			.path("project.documents")
			.entityList(Object.class)
			.hasSize(0);
		String document = attach(staff, project, null, "Site plan", null);
		admin(AGENCY).document("query($id: ID!) { document(id: $id) { id } }")
			.variable("id", document)
			.execute()
			.path("document")
			.valueIsNull();
	}

	private static String attach(HttpGraphQlTester staff, String project, @Nullable String milestone, String name,
			@Nullable String kind) {
		return staff.document(ATTACH)
			.variable("input", input(project, milestone, name, kind))
			.execute()
			.path("attachDocument.id")
			.entity(String.class)
			.get();
	}

	private static Map<String, Object> input(String project, @Nullable String milestone, String name,
			@Nullable String kind) {
		Map<String, Object> input = new HashMap<>();
		input.put("projectId", project);
		input.put("name", name);
		input.put("contentType", "application/pdf");
		input.put("sizeBytes", 52_000);
		if (milestone != null) {
			input.put("milestoneId", milestone);
		}
		if (kind != null) {
			input.put("kind", kind);
		}
		return input;
	}

	private static String code(HttpGraphQlTester tester, Map<String, Object> input) {
		List<ResponseError> errors = new ArrayList<>();
		tester.document(ATTACH).variable("input", input).execute().errors().satisfy(errors::addAll);
		assertThat(errors).hasSize(1);
		return (String) errors.get(0).getExtensions().get("code");
	}

}
