package io.portico.graphql;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL works without internet: the page and everything it loads come from Portico.
 */
class GraphiQlPageTests extends PorticoTest {

	@Test
	void thePageLoadsItsScriptAndStylesFromTheService() {
		String page = http().get()
			.uri("/graphiql")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(page).contains("<script src=\"/graphiql/portico-graphiql.js\"></script>")
			.contains("href=\"/graphiql/portico-graphiql.css\"")
			.doesNotContain("http://")
			.doesNotContain("https://");
		String script = http().mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
			.build()
			.get()
			.uri("/graphiql/portico-graphiql.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(script).contains("GraphiQL").hasSizeGreaterThan(100_000);
		http().get().uri("/graphiql/portico-graphiql.css").exchange().expectStatus().isOk();
	}

}
