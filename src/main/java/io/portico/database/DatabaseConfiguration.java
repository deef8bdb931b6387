package io.portico.database;

import java.util.Map;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Option;

import org.apache.commons.logging.LogFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/**
	 * The migrations grant the service role and the client role what they need; their
	 * names are configurable.
	 */
	@Bean
	FlywayConfigurationCustomizer rolePlaceholders(PorticoProperties properties) {
		return (configuration) -> configuration
			.placeholders(Map.of("app_role", properties.appRole(), "client_role", properties.clientRole()));
	}

	/**
	 * Results in PostgreSQL's binary format: dates and timestamps in text went through
	 * {@code DateTimeFormatter} for every row, 5 % of the CPU of the portal query (JFR,
	 * issue 7).
	 */
	@Bean
	ConnectionFactoryOptionsBuilderCustomizer binaryResults() {
		return (options) -> options.option(Option.valueOf("forceBinary"), true);
	}

	/**
	 * Statements and transactions go through {@link ScopedConnections}, which opens a
	 * read's transaction and its tenant scope in one round trip; both must name the same
	 * connection factory for a statement to join its transaction.
	 */
	@Bean
	DatabaseClient databaseClient(ConnectionFactory pool) {
		return DatabaseClient.create(new ScopedConnections(pool));
	}

	@Bean
	R2dbcTransactionManager transactionManager(DatabaseClient client) {
		return new R2dbcTransactionManager(client.getConnectionFactory());
	}

	@Bean
	DemoMode demoMode(Environment environment) {
		boolean embedded = EmbeddedDatabaseCondition.isEmbedded(environment.getProperty("spring.r2dbc.url"));
		DemoMode demo = new DemoMode(environment.getProperty("portico.demo.enabled", Boolean.class, embedded),
				environment.getProperty("portico.demo.allow-remote", Boolean.class, false));
		if (demo.enabled()) {
			LogFactory.getLog(DemoMode.class).warn(demo.describe());
		}
		return demo;
	}

}
