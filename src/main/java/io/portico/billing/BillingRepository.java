package io.portico.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.portico.billing.Invoice.InvoiceStatus;
import io.portico.database.Sql;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Invoice SQL; the tenant in every statement, reads by sets of ids. Inside a
 * {@code TenantDatabase} transaction the client lens hides SCHEDULED invoices.
 */
@Repository
class BillingRepository {

	private static final String COLUMNS = """
			id, project_id, milestone_id, change_order_id, amount, currency, status, number, issued_at,
			due_date, paid_at, reference, void_reason, version
			""";

	private final DatabaseClient client;

	BillingRepository(DatabaseClient client) {
		this.client = client;
	}

	Flux<Invoice> byIds(Viewer viewer, Collection<UUID> ids) {
		return this.client.sql("SELECT " + COLUMNS + " FROM invoice WHERE tenant_id = :tenant AND id = ANY(:ids)")
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new))
			.map(BillingRepository::invoice)
			.all();
	}

	/** Each project's invoices in billing order: by milestone position, then created. */
	Flux<Invoice> byProjects(Viewer viewer, Collection<UUID> projectIds) {
		return this.client.sql("SELECT " + prefixed("i") + """
				 FROM invoice i
				LEFT JOIN milestone m ON m.tenant_id = i.tenant_id AND m.id = i.milestone_id
				WHERE i.tenant_id = :tenant AND i.project_id = ANY(:ids)
				ORDER BY i.project_id, m.position NULLS LAST, i.change_order_id NULLS FIRST, i.created_at, i.id
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", projectIds.toArray(UUID[]::new))
			.map(BillingRepository::invoice)
			.all();
	}

	/** The milestones' own invoices (not those of change orders billed with them). */
	Flux<Invoice> byMilestones(Viewer viewer, Collection<UUID> milestoneIds) {
		return this.client.sql("SELECT " + COLUMNS + """
				 FROM invoice
				WHERE tenant_id = :tenant AND milestone_id = ANY(:ids) AND change_order_id IS NULL
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", milestoneIds.toArray(UUID[]::new))
			.map(BillingRepository::invoice)
			.all();
	}

	Mono<Void> insert(Viewer viewer, List<Invoice> invoices) {
		if (invoices.isEmpty()) {
			return Mono.empty();
		}
		return this.client.sql("""
				INSERT INTO invoice (tenant_id, id, project_id, milestone_id, amount, currency)
				SELECT :tenant, i.id, i.project_id, i.milestone_id, i.amount, :currency
				FROM unnest(:ids::uuid[], :projects::uuid[], :milestones::uuid[], :amounts::numeric[])
				    AS i(id, project_id, milestone_id, amount)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("currency", invoices.get(0).currency())
			.bind("ids", invoices.stream().map(Invoice::id).toArray(UUID[]::new))
			.bind("projects", invoices.stream().map(Invoice::projectId).toArray(UUID[]::new))
			.bind("milestones", invoices.stream().map(Invoice::milestoneId).toArray(UUID[]::new))
			.bind("amounts", invoices.stream().map(Invoice::amount).toArray(BigDecimal[]::new))
			.then();
	}

	/**
	 * Issues what the milestone's completion releases, past the client lens (a CLIENT's
	 * sign-off issues invoices it could not see while scheduled); the issued invoices.
	 */
	Flux<UUID> issue(UUID milestoneId, String prefix, OffsetDateTime at, LocalDate due) {
		return this.client.sql("SELECT id FROM portico_issue_invoices(:milestone, :prefix, :at, :due)")
			.bind("milestone", milestoneId)
			.bind("prefix", prefix)
			.bind("at", at)
			.bind("due", due)
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/**
	 * Bills a change order's cost past the client lens (see V5); the invoice, issued or
	 * not.
	 */
	Mono<Billed> billChangeOrder(UUID changeOrderId, BigDecimal amount, String currency, String prefix,
			OffsetDateTime at, LocalDate due, boolean withNextMilestone) {
		return this.client.sql("""
				SELECT id, issued
				FROM portico_bill_change_order(:changeOrder, :amount, :currency, :prefix, :at, :due, :withNext)
				""")
			.bind("changeOrder", changeOrderId)
			.bind("amount", amount)
			.bind("currency", currency)
			.bind("prefix", prefix)
			.bind("at", at)
			.bind("due", due)
			.bind("withNext", withNextMilestone)
			.map((row) -> new Billed(row.get("id", UUID.class), Boolean.TRUE.equals(row.get("issued", Boolean.class))))
			.one();
	}

	/**
	 * An invoice a change order's approval created, and whether it was issued at once.
	 */
	record Billed(UUID invoiceId, boolean issued) {
	}

	/**
	 * Locks the invoice for the rest of the transaction: concurrent writers queue here.
	 */
	Mono<Invoice> lock(Viewer viewer, UUID id) {
		return this.client.sql("SELECT " + COLUMNS + " FROM invoice WHERE tenant_id = :tenant AND id = :id FOR UPDATE")
			.bind("tenant", viewer.tenantId())
			.bind("id", id)
			.map(BillingRepository::invoice)
			.one();
	}

	Mono<Invoice> markPaid(Viewer viewer, Invoice invoice, OffsetDateTime paidAt, @Nullable String reference) {
		return this.client.sql("""
				UPDATE invoice SET status = 'PAID', paid_at = :paidAt, reference = :reference, version = version + 1
				WHERE tenant_id = :tenant AND id = :id AND version = :version
				RETURNING
				""" + COLUMNS)
			.bind("paidAt", paidAt)
			.bind("reference", Sql.nullable(reference, String.class))
			.bind("tenant", viewer.tenantId())
			.bind("id", invoice.id())
			.bind("version", invoice.version())
			.map(BillingRepository::invoice)
			.one();
	}

	Mono<Invoice> markVoid(Viewer viewer, Invoice invoice, OffsetDateTime at, String reason) {
		return this.client.sql("""
				UPDATE invoice SET status = 'VOID', voided_at = :at, void_reason = :reason, version = version + 1
				WHERE tenant_id = :tenant AND id = :id AND version = :version
				RETURNING
				""" + COLUMNS)
			.bind("at", at)
			.bind("reason", reason)
			.bind("tenant", viewer.tenantId())
			.bind("id", invoice.id())
			.bind("version", invoice.version())
			.map(BillingRepository::invoice)
			.one();
	}

	/**
	 * The sums of each project's invoices by status, as far as the viewer sees them (a
	 * CLIENT's SCHEDULED sum is always zero: the lens hides those rows).
	 */
	Flux<Totals> totals(Viewer viewer, Collection<UUID> projectIds) {
		return this.client.sql("""
				SELECT project_id,
				       coalesce(sum(amount) FILTER (WHERE status IN ('ISSUED', 'PAID')), 0) AS invoiced,
				       coalesce(sum(amount) FILTER (WHERE status = 'PAID'), 0) AS paid,
				       coalesce(sum(amount) FILTER (WHERE status = 'SCHEDULED'), 0) AS scheduled
				FROM invoice
				WHERE tenant_id = :tenant AND project_id = ANY(:ids)
				GROUP BY project_id
				""")
			.bind("tenant", viewer.tenantId())
			.bind("ids", projectIds.toArray(UUID[]::new))
			.map((row) -> new Totals(row.get("project_id", UUID.class), row.get("invoiced", BigDecimal.class),
					row.get("paid", BigDecimal.class), row.get("scheduled", BigDecimal.class)))
			.all();
	}

	record Totals(UUID projectId, BigDecimal invoiced, BigDecimal paid, BigDecimal scheduled) {

		static Totals none(UUID projectId) {
			return new Totals(projectId, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
		}

	}

	private static String prefixed(String alias) {
		return alias + "." + COLUMNS.strip().replace("\n", " ").replace(", ", ", " + alias + ".");
	}

	private static Invoice invoice(Readable row) {
		return new Invoice(row.get("id", UUID.class), row.get("project_id", UUID.class),
				row.get("milestone_id", UUID.class), row.get("change_order_id", UUID.class),
				row.get("amount", BigDecimal.class), row.get("currency", String.class),
				InvoiceStatus.valueOf(row.get("status", String.class)), row.get("number", String.class),
				row.get("issued_at", OffsetDateTime.class), row.get("due_date", LocalDate.class),
				row.get("paid_at", OffsetDateTime.class), row.get("reference", String.class),
				row.get("void_reason", String.class), row.get("version", Integer.class));
	}

}
