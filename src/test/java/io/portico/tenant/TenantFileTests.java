package io.portico.tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tenant files are validated at start; a broken one stops the service with a message
 * naming the file, the field and what is wrong.
 */
class TenantFileTests {

	private static final String VALID = """
			slug: test-builder
			name: Test Builder
			industry: CONSTRUCTION
			issuers:
			  - issuer: portico
			templates:
			  - key: home
			    name: Home
			    milestones:
			      - key: permits
			        name: Permits filed
			        duration-days: 10
			      - key: framing
			        name: Framing inspection passed
			        offset-days: 10
			        duration-days: 20
			        approval: STAFF
			        depends-on: [permits]
			""";

	@TempDir
	Path dir;

	@Test
	void theShippedTenantsAreValidAndDifferent() {
		List<Tenant> tenants = TenantRegistry.load(Path.of("tenants"), "portico");
		assertThat(tenants).extracting(Tenant::slug)
			.containsExactly("hearthstone-homes", "northlight-studio", "relay-onboarding");
		assertThat(tenants).extracting((t) -> t.config().industry())
			.containsExactlyInAnyOrder(Industry.AGENCY, Industry.SAAS_ONBOARDING, Industry.CONSTRUCTION);
	}

	@Test
	void validFileLoadsWithDefaults() throws IOException {
		Tenant tenant = TenantRegistry.parse(write("ok.yaml", VALID), "portico");
		TenantConfig.MilestoneTemplate framing = tenant.config().template("home").milestones().get(1);
		assertThat(framing.dueOffsetDays()).isEqualTo(30);
		assertThat(framing.clientVisible()).isTrue();
		assertThat(tenant.config().vocabulary().milestone()).isEqualTo("Milestone");
		assertThat(tenant.id()).isEqualTo(Tenant.idOf("test-builder"));
	}

	@Test
	void unknownIndustryNamesTheField() throws IOException {
		assertBroken(VALID.replace("CONSTRUCTION", "FARMING"), "industry", "FARMING");
	}

	@Test
	void dependencyOnAMissingMilestoneIsRefused() throws IOException {
		assertBroken(VALID.replace("depends-on: [permits]", "depends-on: [roofing]"),
				"templates[0].milestones[1].depends-on", "unknown milestone key 'roofing'");
	}

	@Test
	void dependencyCycleIsRefused() throws IOException {
		String cyclic = VALID.replace("        duration-days: 10\n",
				"        duration-days: 10\n        depends-on: [framing]\n");
		assertBroken(cyclic, "templates[0].milestones", "dependency cycle");
	}

	@Test
	void duplicateMilestoneKeysAreRefused() throws IOException {
		assertBroken(VALID.replace("key: framing", "key: permits").replace("depends-on: [permits]", ""),
				"templates[0].milestones[1].key", "duplicate milestone key 'permits'");
	}

	@Test
	void duplicateTemplateKeysAreRefused() throws IOException {
		String twice = VALID + """
				  - key: home
				    name: Home again
				    milestones:
				      - key: a
				        name: A
				        duration-days: 1
				""";
		assertBroken(twice, "templates[1].key", "duplicate template key 'home'");
	}

	@Test
	void misspelledFieldIsRefusedNotIgnored() throws IOException {
		assertBroken(VALID.replace("depends-on:", "dependson:"), "templates[0].milestones[1].dependson",
				"Unrecognized");
	}

	@Test
	void issuerWithoutKeysIsRefused() throws IOException {
		assertBroken(VALID.replace("issuer: portico", "issuer: https://idp.example/"), "issuers[0]",
				"needs 'jwks-uri' or 'public-key'");
	}

	@Test
	void badSlugAndMissingDurationAreRefused() throws IOException {
		assertBroken(VALID.replace("slug: test-builder", "slug: Test Builder!"), "slug", "lower-case");
		assertBroken(VALID.replace("        duration-days: 10\n", ""), "templates[0].milestones[0].duration-days",
				"is required");
	}

	@Test
	void twoFilesWithOneSlugAreRefused() throws IOException {
		write("a.yaml", VALID);
		write("b.yaml", VALID);
		assertThatExceptionOfType(TenantConfigException.class)
			.isThrownBy(() -> TenantRegistry.load(this.dir, "portico"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("b.yaml").contains("slug").contains("a.yaml"));
	}

	@Test
	void demoProjectMustUseAKnownTemplateAndClient() throws IOException {
		String demo = VALID + """
				demo:
				  clients:
				    - id: smith
				      name: The Smiths
				  projects:
				    - template: castle
				      name: Castle
				      client: smith
				""";
		assertBroken(demo, "demo.projects[0].template", "unknown template 'castle'");
	}

	@Test
	void failureAnalysisTellsWhatToFix() throws IOException {
		Path file = write("broken.yaml", VALID.replace("CONSTRUCTION", "FARMING"));
		TenantConfigException ex = org.junit.jupiter.api.Assertions.assertThrows(TenantConfigException.class,
				() -> TenantRegistry.parse(file, "portico"));
		var analysis = new TenantConfigFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription()).contains("broken.yaml").contains("industry");
		assertThat(analysis.getAction()).contains("Fix 'industry'");
	}

	@Test
	void paymentsMustBeOneKindAndAddUpToAtMostOneHundredPercent() throws IOException {
		String paying = VALID
			.replace("        duration-days: 10\n", "        duration-days: 10\n        payment: { percent: 60 }\n")
			.replace("        depends-on: [permits]\n",
					"        depends-on: [permits]\n        payment: { percent: 50 }\n");
		assertBroken(paying, "templates[0].milestones", "add up to 110; lower them to at most 100");
		assertBroken(paying.replace("percent: 50", "percent: 40, amount: \"100.00\""),
				"templates[0].milestones[1].payment", "either 'percent' or 'amount'");
		assertBroken(paying.replace("percent: 50", "amount: \"10.005\""), "templates[0].milestones[1].payment.amount",
				"at most two decimals");
		assertBroken(
				paying.replace("percent: 50", "percent: 40")
					.replace("approval: STAFF", "approval: STAFF\n        client-visible: false"),
				"templates[0].milestones[1].payment", "must be client-visible");
	}

	@Test
	void teamsCurrencyAndInvoicePrefixAreChecked() throws IOException {
		String withTeams = VALID.replace("templates:", "teams: [office, site]\ntemplates:")
			.replace("        duration-days: 10\n", "        duration-days: 10\n        owner-team: office\n");
		assertThat(TenantRegistry.parse(write("teams.yaml", withTeams), "portico").config().invoicePrefix())
			.isEqualTo("TB");
		assertBroken(withTeams.replace("owner-team: office", "owner-team: roofing"),
				"templates[0].milestones[0].owner-team", "unknown team 'roofing'");
		assertBroken(
				withTeams.replace("depends-on: [permits]",
						"depends-on: [permits]\n        handoff: { to-team: warranty }"),
				"templates[0].milestones[1].handoff.to-team", "unknown team 'warranty'");
		assertBroken(VALID.replace("industry: CONSTRUCTION", "industry: CONSTRUCTION\ncurrency: XYZ"), "currency",
				"ISO 4217");
		assertBroken(
				VALID.replace("industry: CONSTRUCTION", "industry: CONSTRUCTION\nbilling: { invoice-prefix: nls }"),
				"billing.invoice-prefix", "capital letters");
	}

	@Test
	void uploadLimitsDefaultToCommonTypesAndAHundredMiBAndAreChecked() throws IOException {
		Tenant tenant = TenantRegistry.parse(write("defaults.yaml", VALID), "portico");
		assertThat(tenant.config().documents().allowedTypes()).contains("application/pdf", "image/png", "text/csv");
		assertThat(tenant.config().documents().maxBytes()).isEqualTo(100L * 1024 * 1024);
		assertBroken(VALID.replace("industry: CONSTRUCTION", "industry: CONSTRUCTION\ndocuments: { max-size-mb: 0 }"),
				"documents.max-size-mb", "positive");
		assertBroken(
				VALID.replace("industry: CONSTRUCTION",
						"industry: CONSTRUCTION\ndocuments: { allowed-types: [application/pdf, PDF files] }"),
				"documents.allowed-types[1]", "media type");
	}

	@Test
	void keysAreFetchedOverHttpsOnly() throws IOException {
		String jwks = VALID.replace("  - issuer: portico\n",
				"  - issuer: https://login.example/\n    jwks-uri: http://login.example/jwks.json\n");
		assertBroken(jwks, "issuers[0].jwks-uri", "must be an https URL");
		TenantRegistry.parse(write("https.yaml", jwks.replace("http://login", "https://login")), "portico");
		TenantRegistry.parse(write("local.yaml", jwks.replace("http://login.example", "http://127.0.0.1:8081")),
				"portico");
	}

	@Test
	void criteriaMayBeAdvisory() throws IOException {
		Tenant tenant = TenantRegistry.parse(write("advisory.yaml", VALID.replace("        duration-days: 10\n",
				"        duration-days: 10\n        criteria: advisory\n")), "portico");
		assertThat(tenant.config().template("home").milestones().get(0).criteria())
			.isEqualTo(TenantConfig.Criteria.ADVISORY);
		assertThat(tenant.config().template("home").milestones().get(1).criteria())
			.isEqualTo(TenantConfig.Criteria.REQUIRED);
	}

	@Test
	void milestoneKindsSayWhatTheyNeed() throws IOException {
		String framing = "        depends-on: [permits]\n";
		Tenant tenant = TenantRegistry.parse(
				write("kinds.yaml",
						VALID.replace(framing, framing
								+ "        kind: inspection\n        inspection: { authority: Marion County }\n")),
				"portico");
		assertThat(tenant.config().template("home").milestones().get(1).kind()).isEqualTo(MilestoneKind.INSPECTION);

		assertBroken(VALID.replace(framing, framing + "        kind: inspection\n"),
				"templates[0].milestones[1].inspection.authority", "add 'inspection: { authority: ... }'");
		assertBroken(VALID.replace(framing, framing + "        kind: review\n"),
				"templates[0].milestones[1].review.included-rounds", "included-rounds: 2");
		assertBroken(VALID.replace(framing, framing + "        kind: decision\n"),
				"templates[0].milestones[1].approval", "set approval to CLIENT");
		assertBroken(VALID.replace(framing, framing + "        review: { included-rounds: 2 }\n"),
				"templates[0].milestones[1].review", "only go with kind: review");
		assertBroken(
				VALID.replace(framing,
						framing + "        kind: integration\n        integration: { required-checks: [SSO, SSO] }\n"),
				"templates[0].milestones[1].integration.required-checks[1]", "each named once");
	}

	@Test
	void demoRecordsNameInspectionMilestonesAndNeverBlockTheWalk() throws IOException {
		String framing = "        depends-on: [permits]\n";
		String kinds = VALID.replace(framing,
				framing + "        kind: inspection\n        inspection: { authority: Marion County }\n");
		String demo = kinds + """
				demo:
				  clients:
				    - id: smith
				      name: The Smiths
				  projects:
				    - template: home
				      name: 1 Elm Street
				      client: smith
				      completed-through: framing
				      inspections:
				        - milestone: framing
				          result: FAILED
				          day: -3
				""";
		assertBroken(demo, "demo.projects[0].inspections[0].result", "must come after completed-through");
		assertBroken(demo.replace("milestone: framing", "milestone: permits"),
				"demo.projects[0].inspections[0].milestone", "inspection milestone");
		assertBroken(demo.replace("result: FAILED", "result: PASSED").replace("day: -3", "day: 3"),
				"demo.projects[0].inspections[0].day", "only a SCHEDULED one lies ahead");
	}

	private void assertBroken(String yaml, String field, String problem) throws IOException {
		Path file = write("tenant.yaml", yaml);
		assertThatExceptionOfType(TenantConfigException.class).isThrownBy(() -> TenantRegistry.parse(file, "portico"))
			.satisfies((ex) -> {
				assertThat(ex.file()).isEqualTo(file.toString());
				assertThat(ex.field()).isEqualTo(field);
				assertThat(ex.getMessage()).startsWith(file + ": " + field + ": ").contains(problem);
			});
	}

	private Path write(String name, String yaml) throws IOException {
		return Files.writeString(this.dir.resolve(name), yaml);
	}

}
