package io.portico.graphql;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GraphiQL works without internet: the page and everything it loads come from Portico.
 */
class GraphiQlPageTests extends PorticoTest {

	/**
	 * A real browser renders it (headless Chromium, where installed): its editors and its
	 * run button are in the page once the scripts ran.
	 */
	@Test
	void aBrowserRendersGraphiQl() throws Exception {
		Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
			.map(Path::of)
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
		assumeTrue(chromium != null, "no headless Chromium here");
		String dom = renderedDom(chromium);

		assertThat(dom).contains("graphiql-container").contains("graphiql-execute-button");
	}

	/**
	 * The page's DOM once its scripts ran. Headless Chromium now and then never exits
	 * after {@code --dump-dom}; a render that has not finished in a minute is killed and
	 * tried again, so the build waits three minutes at most instead of forever.
	 */
	private String renderedDom(Path chromium) throws Exception {
		Path dom = Files.createTempFile("graphiql", ".html");
		try {
			for (int attempt = 1; attempt <= 3; attempt++) {
				Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
						"--virtual-time-budget=10000", "--dump-dom", "http://localhost:" + this.port + "/graphiql")
					.redirectError(ProcessBuilder.Redirect.DISCARD)
					.redirectOutput(dom.toFile())
					.start();
				if (browser.waitFor(60, TimeUnit.SECONDS)) {
					return Files.readString(dom, StandardCharsets.UTF_8);
				}
				browser.descendants().forEach(ProcessHandle::destroyForcibly);
				browser.destroyForcibly().waitFor();
			}
			throw new AssertionError("Chromium did not render the page in three attempts of a minute");
		}
		finally {
			Files.deleteIfExists(dom);
		}
	}

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
