package io.portico.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.portico.tenant.ApprovalMode;
import io.portico.tenant.TenantConfig.Criteria;
import io.portico.tenant.TenantConfig.MilestoneTemplate;
import io.portico.tenant.TenantConfig.Payment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The split of a contract value over paying milestones, to the cent. */
class PaymentScheduleTests {

	@Test
	void percentagesOfOneHundredAddUpToTheContractValueWithTheRemainderOnTheLast() {
		Map<String, BigDecimal> amounts = PaymentSchedule.amounts(
				List.of(percent("a", "33.3333"), percent("b", "33.3333"), percent("c", "33.3334")),
				new BigDecimal("100.00"));
		assertThat(amounts).containsExactly(Map.entry("a", new BigDecimal("33.33")),
				Map.entry("b", new BigDecimal("33.33")), Map.entry("c", new BigDecimal("33.34")));
		assertThat(amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("100.00");
	}

	@Test
	void thirdsOfAnOddCentStillAddUp() {
		Map<String, BigDecimal> amounts = PaymentSchedule.amounts(
				List.of(percent("a", "40"), percent("b", "30"), unpaid("c"), percent("d", "30")),
				new BigDecimal("0.01"));
		assertThat(amounts).containsOnlyKeys("a", "b", "d");
		assertThat(amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.01");
		assertThat(amounts.get("d")).isEqualByComparingTo("0.01");
	}

	@Test
	void percentagesBelowOneHundredBillTheirShareAndFixedAmountsBillAsWritten() {
		Map<String, BigDecimal> amounts = PaymentSchedule.amounts(
				List.of(fixed("deposit", "1500"), percent("a", "12.5"), percent("b", "12.5")),
				new BigDecimal("999.99"));
		assertThat(amounts).containsExactly(Map.entry("deposit", new BigDecimal("1500.00")),
				Map.entry("a", new BigDecimal("124.99")), Map.entry("b", new BigDecimal("125.01")));
	}

	@Test
	void aPercentageWithoutAContractValueNamesTheMilestone() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PaymentSchedule.amounts(List.of(fixed("x", "10"), percent("y", "50")), null))
			.withMessage("y");
		assertThat(PaymentSchedule.amounts(List.of(fixed("x", "10")), null)).containsOnlyKeys("x");
	}

	private static MilestoneTemplate percent(String key, String percent) {
		return milestone(key, new Payment(new BigDecimal(percent), null));
	}

	private static MilestoneTemplate fixed(String key, String amount) {
		return milestone(key, new Payment(null, new BigDecimal(amount)));
	}

	private static MilestoneTemplate unpaid(String key) {
		return milestone(key, null);
	}

	private static MilestoneTemplate milestone(String key, Payment payment) {
		return new MilestoneTemplate(key, key, null, null, 0, 1, ApprovalMode.NONE, true, List.of(), List.of(),
				Criteria.REQUIRED, null, false, payment, null, null, null, null, null);
	}

}
