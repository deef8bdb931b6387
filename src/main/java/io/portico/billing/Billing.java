package io.portico.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
		return new Billing((project.contractValue() != null) ? money(project.contractValue(), currency) : null,
				money(totals.invoiced(), currency), money(totals.paid(), currency),
				money(totals.invoiced().subtract(totals.paid()), currency),
				client ? null : money(totals.scheduled(), currency));
	}

	/** To the cent, also when a sum had no rows to add. */
	private static Money money(BigDecimal amount, String currency) {
		return new Money(amount.setScale(2, RoundingMode.UNNECESSARY), currency);
	}

}
