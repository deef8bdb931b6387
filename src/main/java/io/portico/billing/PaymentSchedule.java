package io.portico.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.tenant.TenantConfig.MilestoneTemplate;
import io.portico.tenant.TenantConfig.Payment;
import org.jspecify.annotations.Nullable;

/**
 * What each paying milestone of a template bills, to the cent.
 *
 * <p>
 * A fixed amount bills as written. Percentages of the contract value are each rounded
 * down to the cent, and the cents that rounding left over go to the last milestone that
 * bills a percentage: the percentage invoices then add up exactly to the contract value
 * times their total percentage (rounded half-even to the cent), so with 100 % they add up
 * to the contract value itself.
 */
final class PaymentSchedule {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private PaymentSchedule() {
	}

	/**
	 * The amount of each paying milestone, by template key, in template order.
	 * @param milestones the template's milestones
	 * @param contractValue the project's contract value, needed when one bills a
	 * percentage
	 * @throws IllegalArgumentException when a percentage needs a contract value and there
	 * is none
	 */
	static Map<String, BigDecimal> amounts(List<MilestoneTemplate> milestones, @Nullable BigDecimal contractValue) {
		Map<String, BigDecimal> amounts = new LinkedHashMap<>();
		BigDecimal percentTotal = BigDecimal.ZERO;
		BigDecimal billedByPercent = BigDecimal.ZERO;
		String lastByPercent = null;
		for (MilestoneTemplate milestone : milestones) {
			Payment payment = milestone.payment();
			if (payment == null) {
				continue;
			}
			if (payment.amount() != null) {
				amounts.put(milestone.key(), payment.amount().setScale(2, RoundingMode.UNNECESSARY));
				continue;
			}
			if (contractValue == null) {
				throw new IllegalArgumentException(milestone.key());
			}
			BigDecimal share = contractValue.multiply(payment.percent()).divide(HUNDRED, 2, RoundingMode.DOWN);
			amounts.put(milestone.key(), share);
			percentTotal = percentTotal.add(payment.percent());
			billedByPercent = billedByPercent.add(share);
			lastByPercent = milestone.key();
		}
		if (lastByPercent != null) {
			BigDecimal owed = contractValue.multiply(percentTotal).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
			amounts.merge(lastByPercent, owed.subtract(billedByPercent), BigDecimal::add);
		}
		return amounts;
	}

}
