package io.portico.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.portico.database.TenantDatabase;
import io.portico.shared.Viewer;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes each loaded tenant's row at start, so rows of its projects have a tenant to
 * point at. Idempotent: a changed file updates the tenant's row and nothing else.
 */
@Component
@Order(0)
class TenantSynchronizer implements ApplicationRunner {

	private static final String UPSERT = """
			INSERT INTO tenant (tenant_id, slug, name, industry, config, config_hash)
			VALUES (:tenant, :slug, :name, :industry, CAST(:config AS jsonb), :hash)
			ON CONFLICT (tenant_id) DO UPDATE
			SET slug = excluded.slug, name = excluded.name, industry = excluded.industry,
			    config = excluded.config, config_hash = excluded.config_hash,
			    loaded_at = CASE WHEN tenant.config_hash = excluded.config_hash
			                     THEN tenant.loaded_at ELSE now() END
			""";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final TenantRegistry registry;

	private final TenantDatabase database;

	private final DatabaseClient client;

	TenantSynchronizer(TenantRegistry registry, TenantDatabase database, DatabaseClient client) {
		this.registry = registry;
		this.database = database;
		this.client = client;
	}

	@Override
	public void run(ApplicationArguments args) {
		Flux.fromIterable(this.registry.all()).concatMap(this::upsert).blockLast();
	}

	private Flux<Long> upsert(Tenant tenant) {
		String config = json.writeValueAsString(tenant.config());
		return this.database.many(Viewer.system(tenant.id(), tenant.slug()),
				() -> this.client.sql(UPSERT)
					.bind("tenant", tenant.id())
					.bind("slug", tenant.slug())
					.bind("name", tenant.config().name())
					.bind("industry", tenant.config().industry().name())
					.bind("config", config)
					.bind("hash", sha256(config))
					.fetch()
					.rowsUpdated()
					.flux());
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
