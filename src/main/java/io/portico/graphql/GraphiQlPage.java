package io.portico.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * GraphiQL at {@code /graphiql}, with its script and styles from the jar
 * ({@code static/graphiql}, built by {@code graphiql/build}): it works on a machine
 * without internet, where Spring's own page, which loads them from a CDN, stays blank.
 */
@Configuration(proxyBeanMethods = false)
class GraphiQlPage {

	private static final ClassPathResource PAGE = new ClassPathResource("static/graphiql/index.html");

	@Bean
	RouterFunction<ServerResponse> graphiQl() {
		return route()
			.GET("/graphiql", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(PAGE))
			.build();
	}

}
