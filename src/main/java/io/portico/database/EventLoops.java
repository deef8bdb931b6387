package io.portico.database;

import io.r2dbc.spi.Option;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * One group of event-loop threads, one per core, for the web server and the pooled
 * PostgreSQL connections alike.
 *
 * <pre>
 * request ─► event loop A: HTTP, security, the interceptors ─► statement written
 *                                                               on its connection's loop
 *   connection's loop: rows decoded, the answer written back on the request's channel
 * </pre>
 *
 * <p>
 * Why: by default the server and the driver each start their own group of at least four
 * threads, eight threads for two cores, and every request crosses from one group to the
 * other and back. With one group sized to the cores, the JVM spent 9-18 % less CPU per
 * simple query in four runs, each beside a run without it, and 22 % less per portal query
 * (bench/README.md, "One group of event loops"). A connection opened from one of these
 * threads stays on that thread ({@link LoopResources} colocates clients), so a request
 * whose connection was opened on its own loop never leaves it.
 *
 * <p>
 * Nothing may block on these threads; Reactor refuses {@code block()} there.
 */
@Configuration(proxyBeanMethods = false)
class EventLoops {

	/** The r2dbc-postgresql option naming the event loops of its connections. */
	private static final Option<LoopResources> LOOP_RESOURCES = Option.valueOf("loopResources");

	/**
	 * Disposed gracefully: the loops run on for a quiet period of two seconds, so the
	 * pool closing its connections in the same shutdown still finds them running.
	 */
	@Bean(destroyMethod = "dispose")
	LoopResources sharedLoops() {
		return LoopResources.create("portico-io", Runtime.getRuntime().availableProcessors(), true);
	}

	/**
	 * The web server's resources, on the shared loops instead of Reactor Netty's global
	 * ones (an HTTP client made without resources of its own keeps using those).
	 */
	@Bean
	ReactorResourceFactory reactorResourceFactory(LoopResources sharedLoops) {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setLoopResources(sharedLoops);
		return resources;
	}

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer connectionsOnTheSameLoops(LoopResources sharedLoops) {
		return (options) -> options.option(LOOP_RESOURCES, sharedLoops);
	}

}
