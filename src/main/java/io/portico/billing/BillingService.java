package io.portico.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import io.portico.billing.BillingRepository.Totals;
import io.portico.billing.Invoice.InvoiceStatus;
import io.portico.database.TenantDatabase;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.milestone.Completion;
import io.portico.milestone.CompletionEffect;
import io.portico.milestone.Milestone;
import io.portico.project.ProjectSetup;
import io.portico.shared.Inputs;
import io.portico.shared.Multimaps;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantConfig;
import io.portico.tenant.TenantRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

/**
 * Invoices: scheduled with the project, issued by completions, paid or voided by staff.
 * Every change is one transaction that locks the invoice and appends its event.
 */
@Service
public class BillingService {

	private final TenantDatabase database;

	private final BillingRepository repository;

	private final EventLog events;

	private final TenantRegistry tenants;

	private final Clock clock;

	BillingService(TenantDatabase database, BillingRepository repository, EventLog events, TenantRegistry tenants,
			Clock clock) {
		this.database = database;
		this.repository = repository;
		this.events = events;
		this.tenants = tenants;
		this.clock = clock;
	}

	@Bean
	static EventKind<InvoiceIssued> invoiceIssuedKind() {
		return InvoiceIssued.KIND;
	}

	@Bean
	static EventKind<InvoicePaid> invoicePaidKind() {
		return InvoicePaid.KIND;
	}

	@Bean
	static EventKind<InvoiceVoided> invoiceVoidedKind() {
		return InvoiceVoided.KIND;
	}

	/** A new project schedules one invoice per paying milestone of its template. */
	@Bean
	static ProjectSetup scheduleInvoices(BillingService billing) {
		return billing::schedule;
	}

	/**
	 * A completing milestone issues what it scheduled; the first effect of completion.
	 */
	@Bean
	@Order(CompletionEffect.INVOICES)
	static CompletionEffect issueInvoices(BillingService billing) {
		return billing::issue;
	}

	Mono<Void> schedule(ProjectSetup.NewProject created) {
		Map<String, BigDecimal> amounts;
		try {
			amounts = PaymentSchedule.amounts(created.template().milestones(), created.project().contractValue());
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(new PorticoException.Invalid("CONTRACT_VALUE_REQUIRED",
					"Template '" + created.template().key() + "' bills a percentage of the contract value at '"
							+ ex.getMessage() + "'; give 'contractValue'",
					"contractValue"));
		}
		List<Invoice> invoices = new ArrayList<>();
		for (Milestone milestone : created.milestones()) {
			BigDecimal amount = amounts.get(milestone.key());
			if (amount != null) {
				invoices.add(new Invoice(UUID.randomUUID(), created.project().id(), milestone.id(), null, amount,
						created.project().currency(), InvoiceStatus.SCHEDULED, null, null, null, null, null, null, 1));
			}
		}
		return this.repository.insert(created.viewer(), invoices);
	}

	Mono<Void> issue(Completion completion) {
		Viewer viewer = completion.viewer();
		TenantConfig config = this.tenants.byId(viewer.tenantId()).config();
		LocalDate due = dueDate(config, completion.at());
		Milestone milestone = completion.milestone();
		return this.repository.issue(milestone.id(), config.invoicePrefix(), completion.at(), due)
			.concatMap((invoiceId) -> this.events.append(viewer,
					new InvoiceIssued(PortalEvent.UNASSIGNED, milestone.projectId(), invoiceId, milestone.id(),
							viewer.subject(), completion.at())))
			.then();
	}

	/**
	 * Bills an approved change order's cost by the tenant's rule, inside the approving
	 * transaction: with the next paying milestone (scheduled until it completes) or at
	 * once (issued, numbered, with its event). A cost of zero bills nothing.
	 */
	public Mono<Void> billChangeOrder(Viewer viewer, UUID projectId, UUID changeOrderId, BigDecimal cost,
			String currency, OffsetDateTime at) {
		if (cost.signum() == 0) {
			return Mono.empty();
		}
		TenantConfig config = this.tenants.byId(viewer.tenantId()).config();
		boolean withNext = config.billing().changeOrders() == TenantConfig.ChangeOrderBilling.WITH_NEXT_MILESTONE;
		return this.repository
			.billChangeOrder(changeOrderId, cost, currency, config.invoicePrefix(), at, dueDate(config, at), withNext)
			.filter(BillingRepository.Billed::issued)
			.flatMap((billed) -> this.events.append(viewer,
					new InvoiceIssued(PortalEvent.UNASSIGNED, projectId, billed.invoiceId(), null, viewer.subject(),
							at)))
			.then();
	}

	private static LocalDate dueDate(TenantConfig config, OffsetDateTime issuedAt) {
		return issuedAt.atZoneSameInstant(ZoneOffset.UTC).toLocalDate().plusDays(config.billing().paymentTermsDays());
	}

	/** The invoice, or empty when it does not exist or the viewer may not see it. */
	public Mono<Invoice> invoice(String id) {
		UUID uuid = Inputs.id("id", id);
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, List.of(uuid)).next());
	}

	public Mono<Map<UUID, Invoice>> byIds(Collection<UUID> ids) {
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, ids).collectMap(Invoice::id));
	}

	public Mono<Map<UUID, List<Invoice>>> byProjects(Collection<UUID> projectIds) {
		return this.database
			.forCurrentViewer(
					(viewer) -> this.repository.byProjects(viewer, projectIds).collectMultimap(Invoice::projectId))
			.map(Multimaps::lists);
	}

	/** Each milestone's own invoice, as far as the viewer may see it. */
	public Mono<Map<UUID, Invoice>> byMilestones(Collection<UUID> milestoneIds) {
		return this.database.forCurrentViewer((viewer) -> this.repository.byMilestones(viewer, milestoneIds)
			.collectMap((invoice) -> invoice.milestoneId()));
	}

	/**
	 * The invoice sums of each project as the viewer sees them, and whether it is a
	 * CLIENT.
	 */
	Mono<Map<UUID, Totals>> totals(Collection<UUID> projectIds) {
		return this.database.forCurrentViewer(
				(viewer) -> this.repository.totals(viewer, projectIds).collectMap(Totals::projectId).map((found) -> {
					Map<UUID, Totals> totals = new HashMap<>(found);
					projectIds.forEach((id) -> totals.putIfAbsent(id, Totals.none(id)));
					return totals;
				}));
	}

	/** Records the payment of an issued invoice (staff only). */
	public Mono<Invoice> markPaid(String id, @Nullable Integer expectedVersion, @Nullable OffsetDateTime paidAt,
			@Nullable String reference) {
		String checkedReference = Inputs.optionalName("reference", reference);
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		if (paidAt != null && paidAt.isAfter(now.plusDays(1))) {
			throw new PorticoException.Invalid("PAID_IN_FUTURE", "'paidAt' is in the future", "paidAt");
		}
		return change(id, expectedVersion, "mark paid", (viewer, invoice) -> {
			OffsetDateTime at = (paidAt != null) ? paidAt : now;
			if (invoice.issuedAt() != null && at.isBefore(invoice.issuedAt())) {
				return Mono.error(new PorticoException.Invalid("PAID_BEFORE_ISSUED",
						"'paidAt' is before the invoice was issued (" + invoice.issuedAt() + ")", "paidAt"));
			}
			return this.repository.markPaid(viewer, invoice, at, checkedReference)
				.flatMap((paid) -> this.events
					.append(viewer,
							new InvoicePaid(PortalEvent.UNASSIGNED, paid.projectId(), paid.id(), paid.milestoneId(),
									viewer.subject(), now))
					.thenReturn(paid));
		});
	}

	/** Voids an issued invoice with a reason (staff only); its number stays used. */
	public Mono<Invoice> markVoid(String id, @Nullable Integer expectedVersion, String reason) {
		String checkedReason = Inputs.requiredText("reason", reason);
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		return change(id, expectedVersion, "void",
				(viewer, invoice) -> this.repository.markVoid(viewer, invoice, now, checkedReason)
					.flatMap((voided) -> this.events
						.append(viewer,
								new InvoiceVoided(PortalEvent.UNASSIGNED, voided.projectId(), voided.id(),
										voided.milestoneId(), viewer.subject(), now))
						.thenReturn(voided)));
	}

	/**
	 * The frame of both changes: one transaction, the invoice locked, the version
	 * checked, and only an ISSUED invoice changed.
	 */
	private Mono<Invoice> change(String id, @Nullable Integer expectedVersion, String verb,
			BiFunction<Viewer, Invoice, Mono<Invoice>> change) {
		UUID uuid = Inputs.id("id", id);
		return this.database.forCurrentViewer((viewer) -> this.repository.lock(viewer, uuid)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Invoice", id)))
			.flatMap((invoice) -> {
				PorticoException.Conflict.expectVersion("invoice", expectedVersion, invoice.version());
				if (invoice.status() != InvoiceStatus.ISSUED) {
					return Mono.error(new PorticoException.Conflict("INVALID_TRANSITION",
							"Cannot " + verb + " an invoice that is " + invoice.status() + "; only an ISSUED one",
							Map.of("status", invoice.status().name())));
				}
				return change.apply(viewer, invoice);
			}));
	}

}
