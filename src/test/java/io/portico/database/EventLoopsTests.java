package io.portico.database;

import io.portico.PorticoTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopsTests extends PorticoTest {

	@Autowired
	private LoopResources eventLoops;

	@Autowired
	private ReactorResourceFactory serverResources;

	@Autowired
	private ConnectionFactory pool;

	@Test
	void theWebServerRunsOnTheSharedEventLoops() {
		assertThat(this.serverResources.isUseGlobalResources()).isFalse();
		assertThat(this.serverResources.getLoopResources()).isSameAs(this.eventLoops);
	}

	@Test
	void pooledConnectionsDeliverTheirRowsOnTheSharedEventLoops() {
		String thread = Mono
			.usingWhen(this.pool.create(),
					(connection) -> Mono.from(connection.createStatement("SELECT 1").execute())
						.flatMap((result) -> Mono.from(result.map((row) -> Thread.currentThread().getName()))),
					Connection::close)
			.block();
		assertThat(thread).startsWith("portico-io");
	}

}
