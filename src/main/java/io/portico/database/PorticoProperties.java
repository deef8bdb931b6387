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
 * @param embeddedBinariesDir where the embedded PostgreSQL binaries are unpacked;
 * defaults to {@code pg-binaries} in the data directory
 */
@ConfigurationProperties("portico")
public record PorticoProperties(@DefaultValue("data") Path dataDir, @DefaultValue("0") int embeddedPort,
		@DefaultValue("portico_app") String appRole, @Nullable Path embeddedBinariesDir) {

	public PorticoProperties {
		if (embeddedBinariesDir == null) {
			embeddedBinariesDir = dataDir.resolve("pg-binaries");
		}
		if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException(
					"portico.app-role '" + appRole + "' must be a plain lower-case PostgreSQL role name");
		}
	}

}
