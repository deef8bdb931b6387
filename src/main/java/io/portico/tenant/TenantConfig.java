package io.portico.tenant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One tenant's file in {@code tenants/}, as written (kebab-case keys). Validated by
 * {@link TenantConfigValidator} before anything uses it.
 *
 * @param slug stable identifier used in tokens and URLs
 * @param name display name of the operator
 * @param industry the operator's industry
 * @param currency ISO 4217 currency of contract values and invoices
 * @param branding how its portal looks
 * @param vocabulary the words its portal uses
 * @param issuers identity providers whose tokens it trusts
 * @param teams the operator's teams; when listed, every team a template names must be one
 * of them
 * @param billing how invoices are numbered, when they are due and how change orders are
 * billed
 * @param documents what may be uploaded
 * @param limits what its callers may ask of one instance, where it differs from the
 * service's defaults ({@code portico.limits.*})
 * @param templates project templates staff create projects from
 * @param demo demo data seeded once in demo mode
 */
public record TenantConfig(String slug, String name, Industry industry, String currency, Branding branding,
		Vocabulary vocabulary, List<Issuer> issuers, List<String> teams, Billing billing, Documents documents,
		Limits limits, List<ProjectTemplate> templates, @Nullable Demo demo) {

	public TenantConfig {
		currency = Objects.requireNonNullElse(currency, "USD");
		teams = listOf(teams);
		billing = Objects.requireNonNullElse(billing, new Billing(null, null, null));
		documents = Objects.requireNonNullElse(documents, new Documents(null, null));
		limits = Objects.requireNonNullElse(limits, Limits.NONE);
		branding = Objects.requireNonNullElse(branding, new Branding(null, null, null));
		vocabulary = Objects.requireNonNullElse(vocabulary, new Vocabulary(null, null, null, null));
		issuers = listOf(issuers);
		templates = listOf(templates);
	}

	public @Nullable ProjectTemplate template(String key) {
		return this.templates.stream().filter((t) -> t.key().equals(key)).findFirst().orElse(null);
	}

	static <T> List<T> listOf(@Nullable List<T> list) {
		return (list != null) ? List.copyOf(list) : List.of();
	}

	/**
	 * Invoicing rules.
	 *
	 * @param invoicePrefix starts every invoice number ({@code PREFIX-2026-0007});
	 * defaults to the slug's initials in capitals
	 * @param paymentTermsDays days from issue to the due date
	 * @param changeOrders when an approved change order's cost is invoiced
	 */
	public record Billing(@Nullable String invoicePrefix, Integer paymentTermsDays, ChangeOrderBilling changeOrders) {

		public Billing {
			paymentTermsDays = Objects.requireNonNullElse(paymentTermsDays, 30);
			changeOrders = Objects.requireNonNullElse(changeOrders, ChangeOrderBilling.ON_APPROVAL);
		}

	}

	/**
	 * What may be uploaded as a document's content.
	 *
	 * @param allowedTypes media types, as detected from the bytes
	 * @param maxSizeMb the largest upload, in MiB
	 */
	public record Documents(List<String> allowedTypes, Integer maxSizeMb) {

		/** Common office documents, images, PDF, plain text and CSV. */
		public static final List<String> DEFAULT_TYPES = List.of("application/pdf", "image/png", "image/jpeg",
				"image/gif", "image/webp", "text/plain", "text/csv", "application/msword", "application/vnd.ms-excel",
				"application/vnd.ms-powerpoint",
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				"application/vnd.openxmlformats-officedocument.presentationml.presentation",
				"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet");

		public Documents {
			allowedTypes = (allowedTypes != null) ? List.copyOf(allowedTypes) : DEFAULT_TYPES;
			maxSizeMb = Objects.requireNonNullElse(maxSizeMb, 100);
		}

		public long maxBytes() {
			return this.maxSizeMb * 1024L * 1024L;
		}

	}

	/**
	 * A tenant's own limits; each one left out is the service's default. Named as in
	 * {@code portico.limits}, where each is described.
	 */
	public record Limits(@Nullable Integer maxDepth, @Nullable Integer maxCost, @Nullable Integer maxFields,
			@Nullable Integer maxRootFields, @Nullable Long costPerMinute, @Nullable Long tenantCostPerMinute,
			@Nullable Integer subscriptionsPerSocket, @Nullable Integer subscriptionsPerViewer,
			@Nullable Integer subscriptionsPerTenant) {

		static final Limits NONE = new Limits(null, null, null, null, null, null, null, null, null);

	}

	/** When an approved change order's cost is invoiced. */
	public enum ChangeOrderBilling {

		/** At once, as an invoice of its own. */
		ON_APPROVAL,
		/** With the next paying milestone that is not completed yet. */
		WITH_NEXT_MILESTONE

	}

	/** The invoice prefix: the configured one, or the slug's initials in capitals. */
	public String invoicePrefix() {
		if (this.billing.invoicePrefix() != null) {
			return this.billing.invoicePrefix();
		}
		StringBuilder initials = new StringBuilder();
		for (String part : this.slug.split("-")) {
			if (!part.isEmpty()) {
				initials.append(Character.toUpperCase(part.charAt(0)));
			}
		}
		return initials.toString();
	}

	public record Branding(@Nullable String primaryColor, @Nullable String logoUrl, @Nullable String supportEmail) {
	}

	public record Vocabulary(String project, String milestone, String client, String deliverable) {

		public Vocabulary {
			project = Objects.requireNonNullElse(project, "Project");
			milestone = Objects.requireNonNullElse(milestone, "Milestone");
			client = Objects.requireNonNullElse(client, "Client");
			deliverable = Objects.requireNonNullElse(deliverable, "Deliverable");
		}

	}

	/**
	 * A trusted token issuer.
	 *
	 * @param issuer the exact {@code iss} claim
	 * @param jwksUri where its signing keys are published
	 * @param publicKey an inline PEM public key, instead of a JWKS
	 * @param audience an {@code aud} value tokens must carry, if set
	 * @param claims which claims carry role, client account, teams and name
	 */
	public record Issuer(String issuer, @Nullable String jwksUri, @Nullable String publicKey, @Nullable String audience,
			Claims claims) {

		public Issuer {
			claims = Objects.requireNonNullElse(claims, new Claims(null, null, null, null));
		}

	}

	public record Claims(String role, String clientAccount, String teams, String name) {

		public Claims {
			role = Objects.requireNonNullElse(role, "role");
			clientAccount = Objects.requireNonNullElse(clientAccount, "client_account");
			teams = Objects.requireNonNullElse(teams, "teams");
			name = Objects.requireNonNullElse(name, "name");
		}

	}

	public record ProjectTemplate(String key, String name, List<MilestoneTemplate> milestones) {

		public ProjectTemplate {
			milestones = listOf(milestones);
		}

	}

	/**
	 * A milestone of a template. Work on it starts {@code offsetDays} after the project
	 * starts and takes {@code durationDays}; its due date is the sum. Its {@code kind}
	 * says what it is, and the settings of that kind (only those) say what it needs.
	 */
	public record MilestoneTemplate(String key, String name, @Nullable String phase, @Nullable String description,
			Integer offsetDays, Integer durationDays, ApprovalMode approval, Boolean clientVisible,
			List<String> dependsOn, List<String> acceptanceCriteria, Criteria criteria, @Nullable String ownerTeam,
			Boolean locksScope, @Nullable Payment payment, @Nullable Handoff handoff, @Nullable MilestoneKind kind,
			@Nullable Inspection inspection, @Nullable Review review, @Nullable Integration integration) {

		public MilestoneTemplate {
			criteria = Objects.requireNonNullElse(criteria, Criteria.REQUIRED);
			offsetDays = Objects.requireNonNullElse(offsetDays, 0);
			locksScope = Objects.requireNonNullElse(locksScope, Boolean.FALSE);
			approval = Objects.requireNonNullElse(approval, ApprovalMode.NONE);
			clientVisible = Objects.requireNonNullElse(clientVisible, Boolean.TRUE);
			dependsOn = listOf(dependsOn);
			acceptanceCriteria = listOf(acceptanceCriteria);
		}

		public int dueOffsetDays() {
			return this.offsetDays + this.durationDays;
		}

	}

	/**
	 * What an inspection milestone needs.
	 *
	 * @param authority who inspects (the county, the fire marshal)
	 */
	public record Inspection(String authority) {
	}

	/**
	 * What a deliverable review needs.
	 *
	 * @param includedRounds revision rounds included in the price: requests for changes
	 * past them need an approved change order
	 */
	public record Review(Integer includedRounds) {
	}

	/**
	 * What an integration milestone needs.
	 *
	 * @param requiredChecks names of the integration checks that must be passing before
	 * it completes
	 */
	public record Integration(List<String> requiredChecks) {

		public Integration {
			requiredChecks = listOf(requiredChecks);
		}

	}

	/** Whether a milestone's acceptance criteria must all be met before it completes. */
	public enum Criteria {

		/** Completion is refused with CRITERIA_UNMET while one is unmet. */
		REQUIRED,
		/** The criteria guide; completion does not wait for them. */
		ADVISORY

	}

	/**
	 * What completing a milestone bills: a percentage of the contract value or a fixed
	 * amount in the tenant's currency (exactly one of them).
	 */
	public record Payment(@Nullable BigDecimal percent, @Nullable BigDecimal amount) {
	}

	/**
	 * Who takes over when a milestone completes.
	 *
	 * @param toTeam the team that owns the work from now on
	 * @param notifyTeams teams told about it
	 * @param releaseTeams teams released from the account
	 */
	public record Handoff(@Nullable String toTeam, List<String> notifyTeams, List<String> releaseTeams) {

		public Handoff {
			notifyTeams = listOf(notifyTeams);
			releaseTeams = listOf(releaseTeams);
		}

	}

	/** Demo data, seeded once per tenant when demo mode is on. */
	public record Demo(List<DemoClient> clients, List<DemoProject> projects) {

		public Demo {
			clients = listOf(clients);
			projects = listOf(projects);
		}

	}

	public record DemoClient(String id, String name) {
	}

	/**
	 * A demo project, started {@code startedDaysAgo} days ago, with its milestones up to
	 * and including {@code completedThrough} completed and the next one under way; before
	 * that, its inspections and checks are recorded, and after it the client asks for
	 * changes to the milestone under way {@code changeRequests} times (staff resubmitting
	 * each time).
	 */
	public record DemoProject(String template, String name, String client, Integer startedDaysAgo,
			@Nullable BigDecimal contractValue, @Nullable String completedThrough, List<DemoInspection> inspections,
			List<DemoCheck> checks, Integer changeRequests) {

		public DemoProject {
			startedDaysAgo = Objects.requireNonNullElse(startedDaysAgo, 0);
			inspections = listOf(inspections);
			checks = listOf(checks);
			changeRequests = Objects.requireNonNullElse(changeRequests, 0);
		}

	}

	/**
	 * An inspection result a demo project starts with.
	 *
	 * @param milestone the inspection milestone's key
	 * @param result SCHEDULED, PASSED or FAILED
	 * @param day the day inspected (or booked), in days from today: negative in the past
	 */
	public record DemoInspection(String milestone, String result, Integer day) {

		public DemoInspection {
			day = Objects.requireNonNullElse(day, 0);
		}

	}

	/**
	 * An integration check report a demo project starts with.
	 *
	 * @param name the check
	 * @param status PENDING, PASSING or FAILING
	 * @param detail what the integration says
	 * @param milestone the key of the milestone it reports on, if any
	 */
	public record DemoCheck(String name, String status, @Nullable String detail, @Nullable String milestone) {
	}

}
