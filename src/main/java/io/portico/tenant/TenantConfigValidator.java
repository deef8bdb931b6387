package io.portico.tenant;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.portico.shared.Inputs;
import io.portico.tenant.TenantConfig.Handoff;
import io.portico.tenant.TenantConfig.Issuer;
import io.portico.tenant.TenantConfig.MilestoneTemplate;
import io.portico.tenant.TenantConfig.Payment;
import io.portico.tenant.TenantConfig.ProjectTemplate;
import org.jspecify.annotations.Nullable;

/**
 * Every rule a tenant file must meet, checked at start so that a mistake stops the
 * service with a message naming the file and field instead of surfacing later as a
 * confusing runtime failure.
 */
final class TenantConfigValidator {

	static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private static final Pattern PREFIX = Pattern.compile("[A-Z0-9]{1,10}");

	private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/** The team a template names for work the client does itself. */
	static final String CLIENT_TEAM = "client";

	private final String file;

	private final String builtInIssuer;

	TenantConfigValidator(String file, String builtInIssuer) {
		this.file = file;
		this.builtInIssuer = builtInIssuer;
	}

	void validate(TenantConfig config) {
		require("slug", config.slug() != null && SLUG.matcher(config.slug()).matches(),
				"must be 2-63 lower-case letters, digits or '-', got " + quote(config.slug()));
		required("name", config.name());
		require("industry", config.industry() != null, "is required: one of AGENCY, SAAS_ONBOARDING, CONSTRUCTION");
		require("currency", CURRENCY.matcher(config.currency()).matches() && isoCurrency(config.currency()),
				"must be an ISO 4217 code such as USD, got " + quote(config.currency()));
		for (int i = 0; i < config.teams().size(); i++) {
			key("teams[" + i + "]", config.teams().get(i));
		}
		require("billing.invoice-prefix", PREFIX.matcher(config.invoicePrefix()).matches(),
				"must be 1-10 capital letters or digits, got " + quote(config.invoicePrefix()));
		require("documents.max-size-mb", config.documents().maxSizeMb() > 0,
				"must be a positive number of MiB, got " + config.documents().maxSizeMb());
		for (int i = 0; i < config.documents().allowedTypes().size(); i++) {
			String type = config.documents().allowedTypes().get(i);
			require("documents.allowed-types[" + i + "]", type != null && MEDIA_TYPE.matcher(type).matches(),
					"must be a media type such as application/pdf, got " + quote(type));
		}
		validateLimits(config.limits());
		require("billing.payment-terms-days",
				config.billing().paymentTermsDays() >= 0 && config.billing().paymentTermsDays() <= 365,
				"must be between 0 and 365");
		require("issuers", !config.issuers().isEmpty(), "at least one trusted issuer is required");
		Set<String> issuers = new HashSet<>();
		for (int i = 0; i < config.issuers().size(); i++) {
			Issuer issuer = config.issuers().get(i);
			String at = "issuers[" + i + "]";
			required(at + ".issuer", issuer.issuer());
			require(at + ".issuer", issuers.add(issuer.issuer()), "duplicate issuer " + quote(issuer.issuer()));
			boolean builtIn = issuer.issuer().equals(this.builtInIssuer);
			boolean hasJwks = issuer.jwksUri() != null;
			boolean hasKey = issuer.publicKey() != null;
			require(at, builtIn || hasJwks || hasKey, "needs 'jwks-uri' or 'public-key' (only the built-in issuer "
					+ quote(this.builtInIssuer) + " needs neither)");
			require(at, !(hasJwks && hasKey), "give either 'jwks-uri' or 'public-key', not both");
			if (hasJwks) {
				// Keys fetched over plain http could be swapped on the way: https, except
				// on
				// this machine.
				require(at + ".jwks-uri", issuer.jwksUri().startsWith("https://") || loopback(issuer.jwksUri()),
						"must be an https URL (plain http only for localhost), got " + quote(issuer.jwksUri()));
			}
		}
		require("templates", !config.templates().isEmpty(), "at least one project template is required");
		Set<String> templateKeys = new HashSet<>();
		for (int t = 0; t < config.templates().size(); t++) {
			ProjectTemplate template = config.templates().get(t);
			String at = "templates[" + t + "]";
			key(at + ".key", template.key());
			require(at + ".key", templateKeys.add(template.key()), "duplicate template key " + quote(template.key()));
			required(at + ".name", template.name());
			validateMilestones(at, template.milestones());
			validateEffects(at, template.milestones(), config);
			validateKinds(at, template.milestones());
		}
		if (config.demo() != null) {
			validateDemo(config);
		}
	}

	private void validateMilestones(String at, List<MilestoneTemplate> milestones) {
		require(at + ".milestones", !milestones.isEmpty(), "a template needs at least one milestone");
		Map<String, Integer> positions = new HashMap<>();
		for (int m = 0; m < milestones.size(); m++) {
			MilestoneTemplate milestone = milestones.get(m);
			String field = at + ".milestones[" + m + "]";
			key(field + ".key", milestone.key());
			require(field + ".key", positions.putIfAbsent(milestone.key(), m) == null,
					"duplicate milestone key " + quote(milestone.key()));
			required(field + ".name", milestone.name());
			require(field + ".offset-days", milestone.offsetDays() >= 0, "must not be negative");
			require(field + ".duration-days", milestone.durationDays() != null,
					"is required (days of work before it is due)");
			require(field + ".duration-days", milestone.durationDays() >= 0, "must not be negative");
		}
		for (int m = 0; m < milestones.size(); m++) {
			MilestoneTemplate milestone = milestones.get(m);
			for (String dependency : milestone.dependsOn()) {
				require(at + ".milestones[" + m + "].depends-on", positions.containsKey(dependency),
						"unknown milestone key " + quote(dependency) + " (known: "
								+ String.join(", ", positions.keySet()) + ")");
				require(at + ".milestones[" + m + "].depends-on", !dependency.equals(milestone.key()),
						"a milestone cannot depend on itself");
			}
		}
		List<String> cycle = findCycle(milestones);
		require(at + ".milestones", cycle == null,
				"dependency cycle " + String.join(" -> ", (cycle != null) ? cycle : List.of()));
	}

	/**
	 * Payments, teams and handoffs: what completing each milestone does.
	 */
	private void validateEffects(String at, List<MilestoneTemplate> milestones, TenantConfig config) {
		BigDecimal percentages = BigDecimal.ZERO;
		for (int m = 0; m < milestones.size(); m++) {
			MilestoneTemplate milestone = milestones.get(m);
			String field = at + ".milestones[" + m + "]";
			team(field + ".owner-team", milestone.ownerTeam(), config);
			Payment payment = milestone.payment();
			if (payment != null) {
				require(field + ".payment", (payment.percent() == null) != (payment.amount() == null),
						"give either 'percent' or 'amount'");
				require(field + ".payment", milestone.clientVisible(),
						"a paying milestone must be client-visible: the client is billed when it completes");
				if (payment.percent() != null) {
					require(field + ".payment.percent",
							payment.percent().signum() > 0 && payment.percent().compareTo(HUNDRED) <= 0
									&& payment.percent().stripTrailingZeros().scale() <= 4,
							"must be more than 0 and at most 100, with at most 4 decimals, got "
									+ payment.percent().toPlainString());
					percentages = percentages.add(payment.percent());
				}
				else {
					require(field + ".payment.amount",
							payment.amount().signum() > 0 && payment.amount().stripTrailingZeros().scale() <= 2,
							"must be more than 0 with at most two decimals (cents), got "
									+ payment.amount().toPlainString());
				}
			}
			Handoff handoff = milestone.handoff();
			if (handoff != null) {
				team(field + ".handoff.to-team", handoff.toTeam(), config);
				for (int t = 0; t < handoff.notifyTeams().size(); t++) {
					team(field + ".handoff.notify-teams[" + t + "]", handoff.notifyTeams().get(t), config);
				}
				for (int t = 0; t < handoff.releaseTeams().size(); t++) {
					team(field + ".handoff.release-teams[" + t + "]", handoff.releaseTeams().get(t), config);
				}
			}
		}
		require(at + ".milestones", percentages.compareTo(HUNDRED) <= 0, "payment percentages add up to "
				+ percentages.toPlainString() + "; lower them to at most 100 in total");
	}

	/**
	 * What each kind of milestone needs, and no kind's settings on a milestone of another
	 * kind (they would be silently ignored).
	 */
	private void validateKinds(String at, List<MilestoneTemplate> milestones) {
		for (int m = 0; m < milestones.size(); m++) {
			MilestoneTemplate milestone = milestones.get(m);
			String field = at + ".milestones[" + m + "]";
			MilestoneKind kind = milestone.kind();
			settingsOnlyFor(field, "inspection", milestone.inspection(), MilestoneKind.INSPECTION, kind);
			settingsOnlyFor(field, "review", milestone.review(), MilestoneKind.REVIEW, kind);
			settingsOnlyFor(field, "integration", milestone.integration(), MilestoneKind.INTEGRATION, kind);
			if (kind == MilestoneKind.INSPECTION) {
				require(field + ".inspection.authority",
						milestone.inspection() != null && milestone.inspection().authority() != null
								&& !milestone.inspection().authority().isBlank(),
						"an inspection names who inspects: add 'inspection: { authority: ... }'");
			}
			if (kind == MilestoneKind.REVIEW) {
				Integer rounds = (milestone.review() != null) ? milestone.review().includedRounds() : null;
				require(field + ".review.included-rounds", rounds != null && rounds >= 0 && rounds <= 20,
						"a review says how many revision rounds are included (0 to 20): add "
								+ "'review: { included-rounds: 2 }'");
				require(field + ".approval", milestone.approval() != ApprovalMode.NONE,
						"a review needs someone to review it: set approval to CLIENT or STAFF");
			}
			if (kind == MilestoneKind.DECISION) {
				require(field + ".approval", milestone.approval() == ApprovalMode.CLIENT,
						"a decision is the client's to make: set approval to CLIENT");
			}
			if (milestone.integration() != null) {
				Set<String> names = new HashSet<>();
				List<String> checks = milestone.integration().requiredChecks();
				for (int c = 0; c < checks.size(); c++) {
					String check = checks.get(c);
					require(field + ".integration.required-checks[" + c + "]",
							check != null && !check.isBlank() && check.length() <= 100 && names.add(check),
							"must be a check name of 1 to 100 characters, each named once, got " + quote(check));
				}
			}
		}
	}

	private void settingsOnlyFor(String field, String settings, @Nullable Object given, MilestoneKind owner,
			@Nullable MilestoneKind kind) {
		require(field + "." + settings, given == null || kind == owner,
				"'" + settings + "' settings only go with kind: " + owner.name().toLowerCase(Locale.ROOT)
						+ "; set that kind or remove them");
	}

	/** A team name: a key, and one of the tenant's teams when it lists them. */
	private void team(String field, @Nullable String team, TenantConfig config) {
		if (team == null) {
			return;
		}
		key(field, team);
		require(field, config.teams().isEmpty() || CLIENT_TEAM.equals(team) || config.teams().contains(team),
				"unknown team " + quote(team) + "; add it to 'teams' or use one of " + config.teams()
						+ " (or 'client')");
	}

	private static boolean loopback(String uri) {
		try {
			java.net.URI parsed = java.net.URI.create(uri);
			String host = parsed.getHost();
			return "http".equals(parsed.getScheme()) && host != null
					&& (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean isoCurrency(String code) {
		try {
			return Currency.getInstance(code) != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * A dependency cycle as a path of keys, or {@code null} when the graph is acyclic.
	 */
	private static @Nullable List<String> findCycle(List<MilestoneTemplate> milestones) {
		Map<String, List<String>> edges = new LinkedHashMap<>();
		milestones.forEach((m) -> edges.put(m.key(), m.dependsOn()));
		Map<String, Integer> state = new HashMap<>();
		for (String start : edges.keySet()) {
			List<String> path = new ArrayList<>();
			List<String> cycle = visit(start, edges, state, path);
			if (cycle != null) {
				return cycle;
			}
		}
		return null;
	}

	private static @Nullable List<String> visit(String key, Map<String, List<String>> edges, Map<String, Integer> state,
			List<String> path) {
		int current = state.getOrDefault(key, 0);
		if (current == 2) {
			return null;
		}
		path.add(key);
		if (current == 1) {
			return path.subList(path.indexOf(key), path.size());
		}
		state.put(key, 1);
		for (String next : edges.getOrDefault(key, List.of())) {
			List<String> cycle = visit(next, edges, state, path);
			if (cycle != null) {
				return cycle;
			}
		}
		state.put(key, 2);
		path.remove(path.size() - 1);
		return null;
	}

	/**
	 * A demo project's inspections and checks name its template's milestones, and none
	 * keeps the walk from completing what it must.
	 */
	private void validateDemoRecords(String at, TenantConfig.DemoProject project, ProjectTemplate template) {
		List<String> keys = template.milestones().stream().map(MilestoneTemplate::key).toList();
		int completed = (project.completedThrough() != null) ? keys.indexOf(project.completedThrough()) : -1;
		for (int i = 0; i < project.inspections().size(); i++) {
			TenantConfig.DemoInspection inspection = project.inspections().get(i);
			String field = at + ".inspections[" + i + "]";
			int position = keys.indexOf(inspection.milestone());
			require(field + ".milestone",
					position >= 0 && template.milestones().get(position).kind() == MilestoneKind.INSPECTION,
					"must be the key of an inspection milestone of the template, got " + quote(inspection.milestone()));
			require(field + ".result", List.of("SCHEDULED", "PASSED", "FAILED").contains(inspection.result()),
					"must be SCHEDULED, PASSED or FAILED, got " + quote(inspection.result()));
			require(field + ".day", "SCHEDULED".equals(inspection.result()) || inspection.day() <= 0,
					"a result is dated today or earlier (0 or less); only a SCHEDULED one lies ahead");
			require(field + ".result", !"FAILED".equals(inspection.result()) || position > completed,
					"a FAILED inspection keeps its milestone from completing; it must come after completed-through");
		}
		for (int i = 0; i < project.checks().size(); i++) {
			TenantConfig.DemoCheck check = project.checks().get(i);
			String field = at + ".checks[" + i + "]";
			required(field + ".name", check.name());
			require(field + ".status", List.of("PENDING", "PASSING", "FAILING").contains(check.status()),
					"must be PENDING, PASSING or FAILING, got " + quote(check.status()));
			require(field + ".milestone", check.milestone() == null || keys.contains(check.milestone()),
					"unknown milestone key " + quote(check.milestone()));
		}
		require(at + ".change-requests", project.changeRequests() >= 0 && project.changeRequests() <= 10,
				"must be between 0 and 10");
		require(at + ".change-requests",
				project.changeRequests() == 0 || (completed + 1 < keys.size()
						&& template.milestones().get(completed + 1).approval() != ApprovalMode.NONE),
				"changes are requested of the milestone after completed-through, which must need an approval");
	}

	private void validateDemo(TenantConfig config) {
		Set<String> clients = new HashSet<>();
		for (int c = 0; c < config.demo().clients().size(); c++) {
			TenantConfig.DemoClient client = config.demo().clients().get(c);
			key("demo.clients[" + c + "].id", client.id());
			require("demo.clients[" + c + "].id", clients.add(client.id()),
					"duplicate client id " + quote(client.id()));
			required("demo.clients[" + c + "].name", client.name());
		}
		for (int p = 0; p < config.demo().projects().size(); p++) {
			TenantConfig.DemoProject project = config.demo().projects().get(p);
			String at = "demo.projects[" + p + "]";
			ProjectTemplate template = (project.template() != null) ? config.template(project.template()) : null;
			require(at + ".template", template != null, "unknown template " + quote(project.template()));
			required(at + ".name", project.name());
			require(at + ".client", clients.contains(project.client()), "unknown client " + quote(project.client()));
			require(at + ".completed-through", project.completedThrough() == null
					|| template.milestones().stream().anyMatch((m) -> m.key().equals(project.completedThrough())),
					"unknown milestone key " + quote(project.completedThrough()));
			validateDemoRecords(at, project, template);
		}
	}

	private void validateLimits(TenantConfig.Limits limits) {
		positive("limits.max-depth", limits.maxDepth());
		positive("limits.max-cost", limits.maxCost());
		positive("limits.max-fields", limits.maxFields());
		positive("limits.max-root-fields", limits.maxRootFields());
		positive("limits.cost-per-minute", limits.costPerMinute());
		positive("limits.tenant-cost-per-minute", limits.tenantCostPerMinute());
		positive("limits.subscriptions-per-socket", limits.subscriptionsPerSocket());
		positive("limits.subscriptions-per-viewer", limits.subscriptionsPerViewer());
		positive("limits.subscriptions-per-tenant", limits.subscriptionsPerTenant());
		if (limits.maxCost() != null && limits.costPerMinute() != null) {
			require("limits.cost-per-minute", limits.costPerMinute() >= limits.maxCost(),
					"must be at least limits.max-cost, or the costliest allowed query could never run");
		}
	}

	private void positive(String field, @Nullable Number value) {
		require(field, value == null || value.longValue() > 0, "must be a positive number, got " + value);
	}

	private void key(String field, @Nullable String value) {
		require(field, value != null && Inputs.KEY.matcher(value).matches(),
				"must be 1-63 lower-case letters, digits, '-', '_' or '.', got " + quote(value));
	}

	private void required(String field, @Nullable String value) {
		require(field, value != null && !value.isBlank(), "is required");
	}

	private void require(String field, boolean condition, String problem) {
		if (!condition) {
			throw new TenantConfigException(this.file, field, problem);
		}
	}

	private static String quote(@Nullable Object value) {
		return (value != null) ? "'" + value + "'" : "nothing";
	}

}
