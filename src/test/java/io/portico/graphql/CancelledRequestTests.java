package io.portico.graphql;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A portal that goes away mid-request is not a failure of the service. */
@ExtendWith(OutputCaptureExtension.class)
class CancelledRequestTests extends PorticoTest {

	@Autowired
	private LoggingSystem logging;

	@AfterEach
	void quiet() {
		this.logging.setLogLevel(ErrorHandling.class.getName(), null);
	}

	@Test
	void aClientClosingItsConnectionMidRequestIsNoError(CapturedOutput output) throws Exception {
		String account = newClientAccount(BUILDER);
		for (int i = 0; i < 20; i++) {
			newProject(BUILDER, account, "custom-home");
		}
		String token = this.tokens.issue(BUILDER, Role.STAFF, "staff@" + BUILDER, null, List.of(),
				Duration.ofMinutes(10));
		this.logging.setLogLevel(ErrorHandling.class.getName(), LogLevel.DEBUG);
		// Whether a request is still running when its connection closes is a race; trying
		// until one was makes sure the case is covered.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			sendAndHangUp(token);
			return output.getAll().contains("cancelled at");
		});

		assertThat(output.getAll()).doesNotContain("Unexpected failure");
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
