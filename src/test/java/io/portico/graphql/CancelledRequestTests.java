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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A portal that goes away mid-request is not a failure of the service, and leaves nothing
 * behind: every pooled connection is clean for the next request.
 */
@ExtendWith(OutputCaptureExtension.class)
class CancelledRequestTests extends PorticoTest {

	@Autowired
	private LoggingSystem logging;

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

	@Test
	void aMutationWhoseCallerHangsUpStopsWithoutAnError(CapturedOutput output) {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String milestone = milestoneId(staff(BUILDER), project, "permits-filed");
		String token = this.tokens.issue(BUILDER, Role.STAFF, "staff@" + BUILDER, null, List.of(),
				Duration.ofMinutes(10));
		StringBuilder fields = new StringBuilder();
		// As many as a mutation may hold (portico.limits.max-root-fields).
		for (int i = 0; i < 20; i++) {
			fields.append(" u")
				.append(i)
				.append(": updateMilestone(input: {id: \\\"")
				.append(milestone)
				.append("\\\", description: \\\"")
				.append(i)
				.append("\\\"}) { version }");
		}
		String body = "{\"query\":\"mutation {" + fields + " }\"}";
		this.logging.setLogLevel(ErrorHandling.class.getName(), LogLevel.DEBUG);
		try {
			// Mutation fields run one after the other, each its own transaction: the
			// fields still to run when the caller hangs up are abandoned, which is no
			// fault.
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
				sendAndHangUp(token, body);
				return output.getAll().contains("cancelled at");
			});
		}
		finally {
			this.logging.setLogLevel(ErrorHandling.class.getName(), null);
		}

		assertThat(output.getAll()).doesNotContain("Unexpected failure");
	}

	private void sendAndHangUp(String token) throws Exception {
		sendAndHangUp(token,
				"{\"query\":\"{ projects(first: 100) { edges { node { name progress { percent } health "
						+ "milestones { name health forecastDate acceptanceCriteria { text } dependsOn { name } "
						+ "unlocksDocuments { name } } activity { edges { cursor } } } } } }\"}");
	}

	private void sendAndHangUp(String token, String body) throws Exception {
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
