package io.portico.billing;

import io.portico.billing.BillingRepository.Totals;
import io.portico.project.Project;
import io.portico.project.Project.Money;
import org.jspecify.annotations.Nullable;

/**
 * What a project bills, as the viewer sees it: a CLIENT's sums leave out SCHEDULED
 * invoices and it gets no scheduled sum at all.
 *
 * @param contractValue the contract value after approved change orders
 * @param invoiced issued and paid invoices (voided ones are not owed)
 * @param paid paid invoices
 * @param outstanding invoiced but not paid
 * @param scheduled not issued yet; null for a CLIENT
 */
record Billing(@Nullable Money contractValue, Money invoiced, Money paid, Money outstanding,
		@Nullable Money scheduled) {

	static Billing of(Project project, Totals totals, boolean client) {
		String currency = project.currency();
		return new Billing((project.contractValue() != null) ? new Money(project.contractValue(), currency) : null,
				new Money(totals.invoiced(), currency), new Money(totals.paid(), currency),
				new Money(totals.invoiced().subtract(totals.paid()), currency),
				client ? null : new Money(totals.scheduled(), currency));
	}

}
