package io.portico.tenant;

import java.util.List;

import io.portico.PorticoTest;
import io.portico.database.TenantDatabase;
import io.portico.shared.Viewer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading tenants and seeding demo data at start are idempotent: a restart updates a
 * tenant's configuration without touching its projects, and never seeds twice.
 */
class TenantLoadingTests extends PorticoTest {

	@Autowired
	private TenantRegistry registry;

	@Autowired
	private TenantDatabase database;

	@Autowired
	private DatabaseClient client;

	@Autowired
	private List<ApplicationRunner> startupRunners;

	@Test
	void editedTenantFileUpdatesTheTenantAndLeavesItsProjects() throws Exception {
		Tenant builder = this.registry.bySlug(BUILDER).orElseThrow();
		long projects = projectCount(builder);
		TenantConfig renamed = new TenantConfig(builder.slug(), "Hearthstone Homes & Renovation",
				builder.config().industry(), builder.config().currency(), builder.config().branding(),
				builder.config().vocabulary(), builder.config().issuers(), builder.config().teams(),
				builder.config().billing(), builder.config().documents(), builder.config().limits(),
				builder.config().templates(), builder.config().demo());

		new TenantSynchronizer(new TenantRegistry(List.of(new Tenant(builder.id(), renamed, builder.source()))),
				this.database, this.client)
			.run(null);

		assertThat(tenantName(builder)).isEqualTo("Hearthstone Homes & Renovation");
		assertThat(projectCount(builder)).isEqualTo(projects);

		new TenantSynchronizer(this.registry, this.database, this.client).run(null);
		assertThat(tenantName(builder)).isEqualTo("Hearthstone Homes");
	}

	@Test
	void demoDataIsSeededOnceAndNotAgainOnRestart() throws Exception {
		Tenant builder = this.registry.bySlug(BUILDER).orElseThrow();
		long projects = projectCount(builder);
		assertThat(projects).isGreaterThanOrEqualTo(builder.config().demo().projects().size());

		for (ApplicationRunner runner : this.startupRunners) {
			runner.run(null);
		}

		assertThat(projectCount(builder)).isEqualTo(projects);
	}

	private long projectCount(Tenant tenant) {
		return this.database
			.one(Viewer.system(tenant.id(), tenant.slug()),
					() -> this.client.sql("SELECT count(*) AS n FROM project WHERE tenant_id = :t")
						.bind("t", tenant.id())
						.map((row) -> row.get("n", Long.class))
						.one())
			.blockOptional()
			.orElse(0L);
	}

	private String tenantName(Tenant tenant) {
		return this.database
			.one(Viewer.system(tenant.id(), tenant.slug()),
					() -> this.client.sql("SELECT name FROM tenant WHERE tenant_id = :t")
						.bind("t", tenant.id())
						.map((row) -> row.get("name", String.class))
						.one())
			.switchIfEmpty(Mono.error(new AssertionError("no tenant row")))
			.block();
	}

}
