package io.portico.demo;

import java.time.Duration;
import java.util.UUID;

import io.portico.PorticoTest;
import io.portico.TestIdentityProviders;
import io.portico.tenant.Tenant;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A tenant's demo data is seeded in one transaction: a seeding that fails half-way leaves
 * nothing behind and nothing claimed, and the next start seeds it exactly once.
 */
class DemoSeedingTests extends PorticoTest {

	private static final UUID TENANT = Tenant.idOf(TestIdentityProviders.SEED_TENANT);

	@Autowired
	private DemoSeeder seeder;

	@Test
	void aSeedingThatFailsHalfWayLeavesNothingAndTheNextSeedsOnce() {
		long seeded = count("project");
		long accounts = count("client_account");
		long events = count("event");
		assertThat(seeded).isPositive();
		try {
			// As if the service were killed after the first project: its document fails.
			superuser("UPDATE tenant SET demo_seeded_at = NULL WHERE tenant_id = '" + TENANT + "'");
			superuser("REVOKE INSERT ON document FROM portico_app");

			assertThatException().isThrownBy(() -> this.seeder.run(null));
		}
		finally {
			superuser("GRANT INSERT ON document TO portico_app");
		}
		assertThat(count("project")).isEqualTo(seeded);
		assertThat(count("event")).isEqualTo(events);
		assertThat(claimed()).isFalse();

		this.seeder.run(null);
		this.seeder.run(null);

		assertThat(count("project")).isEqualTo(2 * seeded);
		assertThat(count("client_account")).isEqualTo(accounts);
		assertThat(claimed()).isTrue();
	}

	private long count(String table) {
		return superuser().sql("SELECT count(*) AS n FROM " + table + " WHERE tenant_id = :t")
			.bind("t", TENANT)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

	private boolean claimed() {
		return superuser().sql("SELECT demo_seeded_at IS NOT NULL AS claimed FROM tenant WHERE tenant_id = :t")
			.bind("t", TENANT)
			.map((row) -> row.get("claimed", Boolean.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

	private void superuser(String sql) {
		superuser().sql(sql).then().block(Duration.ofSeconds(10));
	}

}
