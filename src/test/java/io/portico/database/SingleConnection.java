package io.portico.database;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;

import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A pool of one connection to the service's database, with a {@link TenantDatabase} over
 * it as the service builds its own: each piece of work gets the connection the one before
 * it left.
 */
final class SingleConnection implements AutoCloseable {

	final ConnectionPool pool;

	final DatabaseClient client;

	final TenantDatabase database;

	SingleConnection(R2dbcConnectionDetails connection, PorticoProperties properties) {
		this.pool = new ConnectionPool(
				ConnectionPoolConfiguration.builder(ConnectionFactories.get(connection.getConnectionFactoryOptions()))
					.initialSize(1)
					.maxSize(1)
					.build());
		this.client = DatabaseClient.create(new ScopedConnections(this.pool));
		this.database = new TenantDatabase(this.client, new R2dbcTransactionManager(this.client.getConnectionFactory()),
				properties);
	}

	@Override
	public void close() {
		this.pool.dispose();
	}

}
