package io.portico.tenant;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A loaded, validated tenant: its configuration and the id its rows carry.
 *
 * @param id the tenant's id, derived from its slug so it is the same on every instance
 * and every restart
 * @param config its validated configuration
 * @param source the file it was loaded from, for messages
 */
public record Tenant(UUID id, TenantConfig config, String source) {

	public static UUID idOf(String slug) {
		return UUID.nameUUIDFromBytes(("portico-tenant:" + slug).getBytes(StandardCharsets.UTF_8));
	}

	public String slug() {
		return this.config.slug();
	}

}
