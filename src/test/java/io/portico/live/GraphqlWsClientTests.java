package io.portico.live;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.portico.NodeTools;
import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference {@code graphql-ws} client from npm against the server: what browsers and
 * Node portals actually run. Skipped where Node or the npm registry is not available.
 */
@Timeout(120)
class GraphqlWsClientTests extends PorticoTest {

	private static Path client;

	@BeforeAll
	static void installClient() throws Exception {
		client = NodeTools.install("graphql-ws", "graphql-ws", "package.json", "client.mjs");
	}

	@Test
	void referenceClientReceivesEventsAfterItsCursor() throws Exception {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		HttpGraphQlTester staff = staff(BUILDER);
		String created = creationCursor(BUILDER, project);
		walk(staff, milestoneId(staff, project, "permits-filed"), "startMilestone", "completeMilestone");

		List<String> lines = client(token(Duration.ofMinutes(5)), project, created, 2);

		assertThat(lines).hasSize(3).endsWith("{\"closed\":1000}");
		assertThat(lines.get(0)).contains("\"status\":\"IN_PROGRESS\"");
		assertThat(lines.get(1)).contains("\"status\":\"COMPLETED\"");
	}

	@Test
	void referenceClientIsRefusedWith4403ForABadToken() throws Exception {
		List<String> lines = client("not-a-token", "00000000-0000-0000-0000-000000000000", "", 1);
		assertThat(lines).contains("{\"closed\":4403}");
	}

	private String token(Duration ttl) {
		return this.tokens.issue(BUILDER, Role.STAFF, "node-portal", null, List.of(), ttl);
	}

	private List<String> client(String token, String project, String after, int events) throws Exception {
		Process process = new ProcessBuilder("node", "client.mjs", "ws://localhost:" + this.port + "/graphql", token,
				project, after, Integer.toString(events))
			.directory(client.toFile())
			.redirectErrorStream(true)
			.start();
		List<String> lines = new ArrayList<>();
		try (var reader = process.inputReader()) {
			reader.lines().forEach(lines::add);
		}
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return lines;
	}

}
