package io.portico.graphql;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portal that goes away mid-request is not a failure of the service, and leaves nothing
 * behind: every pooled connection is clean for the next request.
 */
@ExtendWith(OutputCaptureExtension.class)
class CancelledRequestTests extends PorticoTest {

	@Test
	void clientsClosingTheirConnectionMidRequestLeaveNoErrorAndNoDirtyConnection(CapturedOutput output)
			throws Exception {
		String account = newClientAccount(BUILDER);
		for (int i = 0; i < 20; i++) {
			newProject(BUILDER, account, "custom-home");
		}
		String token = this.tokens.issue(BUILDER, Role.STAFF, "staff@" + BUILDER, null, List.of(),
				Duration.ofMinutes(10));
		// Many deep reads whose callers hang up a few milliseconds in, while the answer
		// is still being read: more than the pool has connections.
		for (int i = 0; i < 40; i++) {
			sendAndHangUp(token);
		}

		// Every connection of the pool serves writes again (a read transaction left open
		// on one would refuse them as read-only) and reads.
		for (int i = 0; i < 30; i++) {
			newClientAccount(BUILDER);
		}
		client(BUILDER, account).documentName("projectsDeep")
			.variable("first", 100)
			.execute()
			.path("projects.edges")
			.entityList(Object.class)
			.hasSize(20);
		assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain(" ERROR ");
	}

	private void sendAndHangUp(String token) throws Exception {
		String body = "{\"query\":\"{ projects(first: 100) { edges { node { name progress { percent } health "
				+ "milestones { name health forecastDate acceptanceCriteria { text } dependsOn { name } "
				+ "unlocksDocuments { name } } activity { edges { cursor } } } } } }\"}";
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Authorization: Bearer " + token + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(bytes);
			out.flush();
			Thread.sleep(5);
		}
	}

}
