package io.portico.database;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Portico keeps its local state, and how the embedded database runs.
 *
 * @param dataDir directory for the embedded PostgreSQL cluster and the signing keys
 * @param embeddedPort fixed port for the embedded PostgreSQL, or 0 for any free port
 * @param appRole the database role the service connects as; it owns no table
 * @param clientRole the role a CLIENT's transactions switch to, which the client lens
 * applies to; defaults to the service role's name with {@code _client}
 * @param embeddedBinariesDir where the embedded PostgreSQL binaries are unpacked;
 * defaults to {@code pg-binaries} in the data directory
 */
@ConfigurationProperties("portico")
public record PorticoProperties(@DefaultValue("data") Path dataDir, @DefaultValue("0") int embeddedPort,
		@DefaultValue("portico_app") String appRole, @Nullable String clientRole, @Nullable Path embeddedBinariesDir) {

	private static final String ROLE_NAME = "[a-z_][a-z0-9_]{0,62}";

	public PorticoProperties {
		if (embeddedBinariesDir == null) {
			embeddedBinariesDir = dataDir.resolve("pg-binaries");
		}
		if (clientRole == null) {
			clientRole = appRole + "_client";
		}
		if (!appRole.matches(ROLE_NAME)) {
			throw new IllegalArgumentException(
					"portico.app-role '" + appRole + "' must be a plain lower-case PostgreSQL role name");
		}
		if (!clientRole.matches(ROLE_NAME) || clientRole.equals(appRole)) {
			throw new IllegalArgumentException("portico.client-role '" + clientRole
					+ "' must be a plain lower-case PostgreSQL role name other than portico.app-role");
		}
	}

}
