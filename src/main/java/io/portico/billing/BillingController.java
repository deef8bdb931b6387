package io.portico.billing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.portico.graphql.Batches;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.project.Project;
import io.portico.project.Project.Money;
import io.portico.shared.CurrentViewer;
import io.portico.shared.StaffOnly;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Invoices and billing totals, and the fields of other types that point at them.
 */
@Controller
class BillingController {

	private final BillingService billing;

	private final MilestoneService milestones;

	BillingController(BillingService billing, MilestoneService milestones) {
		this.billing = billing;
		this.milestones = milestones;
	}

	@QueryMapping
	Mono<Invoice> invoice(@Argument String id) {
		return this.billing.invoice(id);
	}

	@MutationMapping
	@StaffOnly
	Mono<Invoice> markInvoicePaid(@Argument String id, @Argument @Nullable Integer expectedVersion,
			@Argument @Nullable OffsetDateTime paidAt, @Argument @Nullable String reference) {
		return this.billing.markPaid(id, expectedVersion, paidAt, reference);
	}

	@MutationMapping
	@StaffOnly
	Mono<Invoice> voidInvoice(@Argument String id, @Argument @Nullable Integer expectedVersion,
			@Argument String reason) {
		return this.billing.markVoid(id, expectedVersion, reason);
	}

	@SchemaMapping(typeName = "Invoice")
	Money amount(Invoice invoice) {
		return new Money(invoice.amount(), invoice.currency());
	}

	@BatchMapping(typeName = "Invoice", field = "milestone")
	Mono<Map<Invoice, Milestone>> invoiceMilestone(List<Invoice> invoices) {
		return this.milestones
			.byIds(invoices.stream().map(Invoice::milestoneId).filter(Objects::nonNull).distinct().toList())
			.map((found) -> Batches.byKey(invoices,
					(i) -> (i.milestoneId() != null) ? found.get(i.milestoneId()) : null));
	}

	@BatchMapping(typeName = "Project", field = "invoices")
	Mono<Map<Project, List<Invoice>>> projectInvoices(List<Project> projects) {
		return this.billing.byProjects(projects.stream().map(Project::id).toList())
			.map((found) -> Batches.byKey(projects, (p) -> found.getOrDefault(p.id(), List.of())));
	}

	@BatchMapping(typeName = "Project", field = "billing")
	Mono<Map<Project, Billing>> projectBilling(List<Project> projects) {
		return CurrentViewer.get()
			.zipWith(this.billing.totals(projects.stream().map(Project::id).toList()))
			.map((loaded) -> Batches.byKey(projects,
					(p) -> Billing.of(p, loaded.getT2().get(p.id()), loaded.getT1().isClient())));
	}

	@BatchMapping(typeName = "Milestone", field = "invoice")
	Mono<Map<Milestone, Invoice>> milestoneInvoice(List<Milestone> milestones) {
		return this.billing.byMilestones(milestones.stream().map(Milestone::id).distinct().toList())
			.map((found) -> Batches.byKey(milestones, (m) -> found.get(m.id())));
	}

	@BatchMapping(typeName = "InvoiceIssued", field = "invoice")
	Mono<Map<InvoiceIssued, Invoice>> issued(List<InvoiceIssued> events) {
		return invoices(events);
	}

	@BatchMapping(typeName = "InvoicePaid", field = "invoice")
	Mono<Map<InvoicePaid, Invoice>> paid(List<InvoicePaid> events) {
		return invoices(events);
	}

	@BatchMapping(typeName = "InvoiceVoided", field = "invoice")
	Mono<Map<InvoiceVoided, Invoice>> voided(List<InvoiceVoided> events) {
		return invoices(events);
	}

	private <E extends InvoiceEvent> Mono<Map<E, Invoice>> invoices(List<E> events) {
		List<UUID> ids = events.stream().map(InvoiceEvent::invoiceId).distinct().toList();
		return this.billing.byIds(ids).map((found) -> Batches.byKey(events, (e) -> found.get(e.invoiceId())));
	}

}
