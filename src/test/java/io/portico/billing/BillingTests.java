package io.portico.billing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portico.FailingEffect;
import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staged payments: scheduled with the project, issued by completion in the same
 * transaction, exactly once, numbered without gaps, paid or voided by staff, and never
 * shown to a CLIENT while scheduled.
 */
class BillingTests extends PorticoTest {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String INVOICES = """
			query($id: ID!) { project(id: $id) {
			  invoices { id number status amount { amount currency } milestone { key } issuedAt dueDate paidAt
			             reference voidReason version }
			  billing { contractValue { amount } invoiced { amount } paid { amount } outstanding { amount }
			            scheduled { amount } }
			} }
			""";

	@Test
	void aNewProjectSchedulesOneInvoicePerPayingMilestoneThatAddUpToTheCent() {
		String project = newProject(AGENCY, newClientAccount(AGENCY), "brand-and-website");

		List<Map<String, Object>> invoices = invoices(staff(AGENCY), project);
		assertThat(invoices).extracting((i) -> key(i))
			.containsExactly("kickoff", "discovery-readout", "concept-approval", "final-assets", "post-launch-review");
		assertThat(invoices).allSatisfy((i) -> assertThat(i).containsEntry("status", "SCHEDULED")
			.containsEntry("number", null)
			.containsEntry("issuedAt", null));
		// 125000.50 at 20/15/25/30/10 %: each share rounded down to the cent, and the
		// cent
		// that rounding left over goes to the last one.
		assertThat(invoices).extracting((i) -> amount(i))
			.containsExactly("25000.10", "18750.07", "31250.12", "37500.15", "12500.06");
		billing(staff(AGENCY), project).satisfies((billing) -> {
			assertThat(billing.get("scheduled")).isEqualTo(Map.of("amount", "125000.50"));
			assertThat(billing.get("invoiced")).isEqualTo(Map.of("amount", "0.00"));
		});
	}

	@Test
	void aProjectThatBillsByPercentageNeedsAContractValue() {
		String account = newClientAccount(AGENCY);
		staff(AGENCY).documentName("createProject")
			.variable("input",
					Map.of("templateKey", "brand-and-website", "name", "No value", "clientAccountId", account,
							"startDate", LocalDate.now().toString()))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions())
				.containsEntry("code", "CONTRACT_VALUE_REQUIRED")
				.containsEntry("field", "contractValue"));
		assertThat(client(AGENCY, account).document("{ projects { edges { node { id } } } }")
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.get()).isEmpty();
	}

	@Test
	void aClientNeverSeesAScheduledInvoice() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		String scheduled = (String) invoices(staff(AGENCY), project).get(0).get("id");
		HttpGraphQlTester client = client(AGENCY, account);

		assertThat(invoices(client, project)).isEmpty();
		billing(client, project).satisfies((billing) -> {
			assertThat(billing).containsEntry("scheduled", null);
			assertThat(billing.get("invoiced")).isEqualTo(Map.of("amount", "0.00"));
			assertThat(billing.get("contractValue")).isEqualTo(Map.of("amount", "125000.50"));
		});
		client.document("query($id: ID!) { invoice(id: $id) { id } }")
			.variable("id", scheduled)
			.execute()
			.path("invoice")
			.valueIsNull();
		client.document("query($id: ID!) { milestone(id: $id) { invoice { id } } }")
			.variable("id", milestoneId(client, project, "kickoff"))
			.execute()
			.path("milestone.invoice")
			.valueIsNull();
		staff(AGENCY).document("query($id: ID!) { invoice(id: $id) { status } }")
			.variable("id", scheduled)
			.execute()
			.path("invoice.status")
			.entity(String.class)
			.isEqualTo("SCHEDULED");
	}

	@Test
	void completingAPayingMilestoneIssuesItsInvoiceWhichTheClientThenSees() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		completeMilestone(AGENCY, account, milestoneId(staff(AGENCY), project, "kickoff"));

		Map<String, Object> issued = invoices(staff(AGENCY), project).get(0);
		assertThat(issued).containsEntry("status", "ISSUED")
			.containsEntry("dueDate", LocalDate.now(ZoneOffset.UTC).plusDays(14).toString());
		assertThat((String) issued.get("number"))
			.matches("NLS-" + LocalDate.now(ZoneOffset.UTC).getYear() + "-\\d{4,}");
		assertThat(issued.get("issuedAt")).isNotNull();

		HttpGraphQlTester client = client(AGENCY, account);
		assertThat(invoices(client, project)).singleElement()
			.satisfies((invoice) -> assertThat(invoice).containsEntry("number", issued.get("number")));
		billing(client, project).satisfies((billing) -> {
			assertThat(billing.get("invoiced")).isEqualTo(Map.of("amount", "25000.10"));
			assertThat(billing.get("outstanding")).isEqualTo(Map.of("amount", "25000.10"));
			assertThat(billing).containsEntry("scheduled", null);
		});
		assertThat(activity(client, project)).first()
			.satisfies((event) -> assertThat(event).containsEntry("__typename", "InvoiceIssued")
				.containsEntry("invoice", Map.of("number", issued.get("number"))));

		// Another client of the same operator sees nothing of it.
		client(AGENCY, newClientAccount(AGENCY)).document("query($id: ID!) { invoice(id: $id) { number } }")
			.variable("id", issued.get("id"))
			.execute()
			.path("invoice")
			.valueIsNull();
	}

	@Test
	void staffRecordPaymentsAndVoidsAndANumberIsNeverReused() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		completeMilestone(AGENCY, account, milestoneId(staff, project, "kickoff"));
		Map<String, Object> first = invoices(staff, project).get(0);

		assertThat(code(client(AGENCY, account), "markInvoicePaid", first, Map.of())).isEqualTo("NOT_PERMITTED");
		staff.document("""
				mutation($id: ID!) { markInvoicePaid(id: $id, expectedVersion: 2, reference: "WIRE-0042") {
				  status reference paidAt version } }
				""")
			.variable("id", first.get("id"))
			.execute()
			.path("markInvoicePaid.status")
			.entity(String.class)
			.isEqualTo("PAID")
			.path("markInvoicePaid.reference")
			.entity(String.class)
			.isEqualTo("WIRE-0042")
			.path("markInvoicePaid.version")
			.entity(Integer.class)
			.isEqualTo(3);
		assertThat(code(staff, "voidInvoice", first, Map.of("reason", "Too late"))).isEqualTo("INVALID_TRANSITION");

		completeMilestone(AGENCY, account, milestoneId(staff, project, "discovery-readout"));
		Map<String, Object> second = invoices(staff, project).get(1);
		assertThat(sequence(second)).isEqualTo(sequence(first) + 1);
		assertThat(code(staff, "voidInvoice", second, Map.of("reason", "Billed twice", "expectedVersion", 1)))
			.isEqualTo("VERSION_CONFLICT");
		staff.document(
				"mutation($id: ID!) { voidInvoice(id: $id, reason: \"Billed twice\") { status number voidReason } }")
			.variable("id", second.get("id"))
			.execute()
			.path("voidInvoice.status")
			.entity(String.class)
			.isEqualTo("VOID")
			.path("voidInvoice.number")
			.entity(String.class)
			.isEqualTo((String) second.get("number"));
		assertThat(code(staff, "markInvoicePaid", second, Map.of())).isEqualTo("INVALID_TRANSITION");

		billing(client(AGENCY, account), project).satisfies((billing) -> {
			assertThat(billing.get("invoiced")).isEqualTo(Map.of("amount", "25000.10"));
			assertThat(billing.get("paid")).isEqualTo(Map.of("amount", "25000.10"));
			assertThat(billing.get("outstanding")).isEqualTo(Map.of("amount", "0.00"));
		});
		assertThat(activity(client(AGENCY, account), project)).extracting((e) -> e.get("__typename"))
			.containsSubsequence("InvoiceVoided", "InvoiceIssued", "InvoicePaid", "InvoiceIssued");

		completeMilestone(AGENCY, account, milestoneId(staff, project, "internal-concept-review"));
		completeMilestone(AGENCY, account, milestoneId(staff, project, "concept-approval"));
		assertThat(sequence(invoices(staff, project).get(2))).isEqualTo(sequence(second) + 1);
	}

	@Test
	void aPaymentIsNotDatedBeforeItsInvoiceOrInTheFuture() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		completeMilestone(AGENCY, account, milestoneId(staff(AGENCY), project, "kickoff"));
		Object invoice = invoices(staff(AGENCY), project).get(0).get("id");
		String paid = "mutation($id: ID!, $at: DateTime) { markInvoicePaid(id: $id, paidAt: $at) { status } }";
		assertThat(errorCode(
				staff(AGENCY).document(paid).variable("id", invoice).variable("at", "2020-01-01T00:00:00Z").execute()))
			.isEqualTo("PAID_BEFORE_ISSUED");
		assertThat(errorCode(staff(AGENCY).document(paid)
			.variable("id", invoice)
			.variable("at", java.time.OffsetDateTime.now().plusDays(3).toString())
			.execute())).isEqualTo("PAID_IN_FUTURE");
		assertThat(invoices(staff(AGENCY), project).get(0)).containsEntry("status", "ISSUED");
	}

	@Test
	void fiftyConcurrentApprovalsGiveOneSignOffOneInvoiceAndOneNumber() throws Exception {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		completeMilestone(BUILDER, account, milestoneId(staff, project, "permits-filed"));
		completeMilestone(BUILDER, account, milestoneId(staff, project, "site-prep"));
		String foundation = milestoneId(staff, project, "foundation-poured");
		walk(staff, foundation, "startMilestone", "submitMilestone");

		List<HttpGraphQlTester> approvers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			approvers.add((i % 2 == 0) ? staff(BUILDER) : admin(BUILDER));
		}
		List<List<Map<String, Object>>> outcomes = approveAtOnce(approvers, foundation);
		assertThat(outcomes).filteredOn(List::isEmpty).hasSize(1);
		assertThat(outcomes).filteredOn((errors) -> !errors.isEmpty())
			.hasSize(49)
			.allSatisfy((errors) -> assertThat(errors.get(0)).containsEntry("code", "INVALID_TRANSITION"));

		List<Map<String, Object>> events = activity(staff, project);
		assertThat(events)
			.filteredOn(
					(e) -> "COMPLETED".equals(e.get("status")) && "AWAITING_APPROVAL".equals(e.get("previousStatus")))
			.hasSize(1);
		assertThat(events).filteredOn((e) -> "InvoiceIssued".equals(e.get("__typename"))).hasSize(1);
		List<Map<String, Object>> invoices = invoices(staff, project);
		assertThat(invoices).filteredOn((i) -> !"SCHEDULED".equals(i.get("status")))
			.singleElement()
			.satisfies((invoice) -> assertThat(key(invoice)).isEqualTo("foundation-poured"));

		// The race used one number: the next invoice takes the one right after it.
		completeMilestone(BUILDER, account, milestoneId(staff, project, "framing-inspection"));
		List<Map<String, Object>> after = invoices(staff, project);
		assertThat(sequence(after.get(1))).isEqualTo(sequence(after.get(0)) + 1);
	}

	@Test
	void aFailingEffectRollsBackTheCompletionAndEveryEffectBeforeIt() {
		String account = newClientAccount(AGENCY);
		String project = newProject(AGENCY, account, "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		HttpGraphQlTester client = client(AGENCY, account);
		for (String key : List.of("kickoff", "discovery-readout", "internal-concept-review")) {
			completeMilestone(AGENCY, account, milestoneId(staff, project, key));
		}
		String concept = milestoneId(staff, project, "concept-approval");
		String document = staff.document("""
				mutation($project: ID!, $milestone: ID!) { attachDocument(input: {
				  projectId: $project, milestoneId: $milestone, name: "Concept boards.pdf" }) { id } }
				""")
			.variable("project", project)
			.variable("milestone", concept)
			.execute()
			.path("attachDocument.id")
			.entity(String.class)
			.get();
		rename(concept, FailingEffect.NAME);
		walk(staff, concept, "startMilestone", "submitMilestone");
		int eventsBefore = activity(staff, project).size();

		client.documentName("approveMilestone")
			.variable("id", concept)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "INTERNAL"));

		staff.document("""
				query($id: ID!, $project: ID!) {
				  milestone(id: $id) { status signOff { by } invoice { status number } }
				  project(id: $project) { scopeLocked documents { unlocked } }
				}
				""")
			.variable("id", concept)
			.variable("project", project)
			.execute()
			.path("milestone.status")
			.entity(String.class)
			.isEqualTo("AWAITING_APPROVAL")
			.path("milestone.signOff")
			.valueIsNull()
			.path("milestone.invoice.status")
			.entity(String.class)
			.isEqualTo("SCHEDULED")
			.path("project.scopeLocked")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("project.documents[*].unlocked")
			.entityList(Boolean.class)
			.containsExactly(false);
		assertThat(activity(staff, project)).hasSize(eventsBefore);

		// Renamed back, the same approval does everything, in the fixed order, and takes
		// the invoice number the failed attempt had drawn and given back.
		rename(concept, "Concept approved");
		walk(client, concept, "approveMilestone");
		List<Map<String, Object>> invoices = invoices(staff, project);
		assertThat(sequence(invoices.get(2))).isEqualTo(sequence(invoices.get(1)) + 1);
		List<Map<String, Object>> events = activity(client, project);
		assertThat(events.subList(0, 4)).extracting((e) -> e.get("__typename"))
			.containsExactly("DocumentUnlocked", "ScopeLocked", "InvoiceIssued", "MilestoneChanged");
		assertThat(events.get(0)).containsEntry("document", Map.of("id", document));
	}

	private void rename(String milestoneId, String name) {
		staff(AGENCY)
			.document("mutation($id: ID!, $name: String!) { updateMilestone(input: {id: $id, name: $name}) { name } }")
			.variable("id", milestoneId)
			.variable("name", name)
			.execute()
			.path("updateMilestone.name")
			.entity(String.class)
			.isEqualTo(name);
	}

	static List<Map<String, Object>> invoices(HttpGraphQlTester tester, String project) {
		return tester.document(INVOICES)
			.variable("id", project)
			.execute()
			.path("project.invoices")
			.entityList(MAP)
			.get();
	}

	private static org.assertj.core.api.MapAssert<String, Object> billing(HttpGraphQlTester tester, String project) {
		return assertThat(
				tester.document(INVOICES).variable("id", project).execute().path("project.billing").entity(MAP).get());
	}

	static List<Map<String, Object>> activity(HttpGraphQlTester tester, String project) {
		return tester.document("""
				query($id: ID!) { project(id: $id) { activity(first: 100) { edges { node {
				  __typename
				  ... on MilestoneChanged { status previousStatus milestone { key } }
				  ... on InvoiceIssued { invoice { number } }
				  ... on InvoicePaid { invoice { number } }
				  ... on InvoiceVoided { invoice { number } }
				  ... on DocumentUnlocked { document { id } }
				  ... on ScopeLocked { lockedBy: milestone { key } }
				} } } } }
				""").variable("id", project).execute().path("project.activity.edges[*].node").entityList(MAP).get();
	}

	private static String code(HttpGraphQlTester tester, String mutation, Map<String, Object> invoice,
			Map<String, Object> arguments) {
		String reason = arguments.containsKey("reason") ? ", reason: \"" + arguments.get("reason") + "\"" : "";
		String version = arguments.containsKey("expectedVersion")
				? ", expectedVersion: " + arguments.get("expectedVersion") : "";
		return errorCode(
				tester.document("mutation($id: ID!) { " + mutation + "(id: $id" + reason + version + ") { id } }")
					.variable("id", invoice.get("id"))
					.execute());
	}

	@SuppressWarnings("unchecked")
	private static String key(Map<String, Object> invoice) {
		return (String) ((Map<String, Object>) invoice.get("milestone")).get("key");
	}

	@SuppressWarnings("unchecked")
	private static String amount(Map<String, Object> invoice) {
		return (String) ((Map<String, Object>) invoice.get("amount")).get("amount");
	}

	/** The running count at the end of an invoice number: NLS-2026-0007 is 7. */
	private static int sequence(Map<String, Object> invoice) {
		String number = (String) invoice.get("number");
		return Integer.parseInt(number.substring(number.lastIndexOf('-') + 1));
	}

}
