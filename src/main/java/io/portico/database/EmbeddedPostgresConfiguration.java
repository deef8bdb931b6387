package io.portico.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no database configured, Portico runs a real PostgreSQL 17 inside the process and
 * keeps its cluster in the data directory, so a restart keeps every change.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseCondition.class)
class EmbeddedPostgresConfiguration {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresConfiguration.class);

	// zonky registers a JVM shutdown hook that would stop PostgreSQL before the
	// context has drained; the bean's destroy method stops it in the right order.
	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(PorticoProperties properties) throws IOException {
		Path cluster = properties.dataDir().resolve("postgres").toAbsolutePath();
		Path binaries = properties.embeddedBinariesDir().toAbsolutePath();
		Files.createDirectories(cluster);
		Files.createDirectories(binaries);
		StalePostmaster.stopIfOrphaned(cluster);
		logger.info("Starting embedded PostgreSQL with its data in " + cluster);
		return EmbeddedPostgres.builder()
			.setDataDirectory(cluster)
			.setCleanDataDirectory(false)
			.setOverrideWorkingDirectory(binaries.toFile())
			.setRegisterShutdownHook(false)
			.setPort(properties.embeddedPort())
			.start();
	}

	@Bean
	EmbeddedConnectionDetails embeddedConnectionDetails(EmbeddedPostgres postgres, PorticoProperties properties) {
		return new EmbeddedConnectionDetails(postgres.getPort(), properties.appRole());
	}

	/**
	 * Flyway migrates as the cluster's owner over JDBC; the service itself connects over
	 * R2DBC as the application role, which row-level security applies to.
	 */
	record EmbeddedConnectionDetails(int port,
			String appRole) implements R2dbcConnectionDetails, FlywayConnectionDetails, JdbcConnectionDetails {

		@Override
		public ConnectionFactoryOptions getConnectionFactoryOptions() {
			return ConnectionFactoryOptions.parse("r2dbc:postgresql://localhost:" + this.port + "/postgres")
				.mutate()
				.option(ConnectionFactoryOptions.USER, this.appRole)
				.build();
		}

		@Override
		public String getUsername() {
			return "postgres";
		}

		@Override
		public String getPassword() {
			return "";
		}

		@Override
		public String getJdbcUrl() {
			return "jdbc:postgresql://localhost:" + this.port + "/postgres";
		}

		@Override
		public String getDriverClassName() {
			return "org.postgresql.Driver";
		}

	}

}
