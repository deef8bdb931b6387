package io.portico.logs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.portico.FailingEffect;
import io.portico.PorticoTest;
import io.portico.shared.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines logged while serving a request carry its tenant and execution in the MDC,
 * which structured logging writes as fields: the execution is the reference an internal
 * error shows the caller, over HTTP and on a socket alike.
 */
class LogReferenceTests extends PorticoTest {

	private static final Pattern REFERENCE = Pattern.compile("reference (\\S+)");

	/** Keeps each line with the MDC it was written with. */
	private final Lines lines = new Lines();

	private final List<Logger> watched = new java.util.ArrayList<>();

	@AfterEach
	void stopWatching() {
		this.watched.forEach((logger) -> {
			logger.detachAppender(this.lines);
			logger.setLevel(null);
		});
	}

	@Test
	void anInternalErrorOverHttpIsLoggedWithItsTenantAndTheReferenceTheCallerGot() {
		watch("io.portico.graphql.ErrorHandling", Level.ERROR);
		String kickoff = failingKickoff();

		String reference = referenceOf(
				staff(AGENCY).documentName("completeMilestone").variable("id", kickoff).execute());

		assertThat(linesOf(reference)).isNotEmpty()
			.allSatisfy((line) -> assertThat(line.getMDCPropertyMap()).containsEntry("tenant", AGENCY));
	}

	@Test
	void anOperationOnASocketIsAnExecutionOfItsOwn() {
		watch("io.portico.graphql.ErrorHandling", Level.ERROR);
		String kickoff = failingKickoff();
		String token = this.tokens.issue(AGENCY, Role.STAFF, "logs@" + AGENCY, null, List.of(), Duration.ofMinutes(10));
		WebSocketGraphQlTester socket = socket(token);
		String reference = referenceOf(socket.documentName("completeMilestone").variable("id", kickoff).execute());

		assertThat(reference).endsWith("-1");
		assertThat(linesOf(reference)).isNotEmpty()
			.allSatisfy((line) -> assertThat(line.getMDCPropertyMap()).containsEntry("tenant", AGENCY));
	}

	@Test
	void aRefusedTokenIsLoggedWithItsRequestsReference() {
		watch("io.portico.security.SecurityConfiguration", Level.DEBUG);

		http().post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ viewer { role } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized();

		assertThat(this.lines.list).filteredOn((line) -> line.getFormattedMessage().startsWith("Refused a token"))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line.getMDCPropertyMap()).containsKey("execution")
				.doesNotContainKey("tenant"));
	}

	@Test
	void aRefusalOfTheGuardIsLoggedWithItsTenant() {
		watch("io.portico.guard.QueryGuard", Level.DEBUG);
		String token = this.tokens.issue(AGENCY, Role.STAFF, "deep@" + AGENCY, null, List.of(), Duration.ofMinutes(10));

		http().post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ a: viewer { role } " + "x: viewer { role } ".repeat(25) + "}"))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(this.lines.list).filteredOn((line) -> line.getFormattedMessage().contains("deep@" + AGENCY))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line.getMDCPropertyMap()).containsEntry("tenant", AGENCY)
				.containsKey("execution"));
	}

	/** A new project's kickoff, started and set to fail when it completes. */
	private String failingKickoff() {
		String project = newProject(AGENCY, newClientAccount(AGENCY), "brand-and-website");
		HttpGraphQlTester staff = staff(AGENCY);
		String kickoff = milestoneId(staff, project, "kickoff");
		staff.document("mutation($id: ID!, $name: String!) { updateMilestone(input: {id: $id, name: $name}) { name } }")
			.variable("id", kickoff)
			.variable("name", FailingEffect.NAME)
			.execute()
			.path("updateMilestone.name")
			.entity(String.class)
			.isEqualTo(FailingEffect.NAME);
		walk(staff, kickoff, "startMilestone");
		return kickoff;
	}

	private void watch(String name, Level level) {
		Logger logger = (Logger) LoggerFactory.getLogger(name);
		logger.setLevel(level);
		logger.addAppender(this.lines);
		this.lines.start();
		this.watched.add(logger);
	}

	private static String referenceOf(GraphQlTester.Response response) {
		String[] reference = new String[1];
		response.errors().satisfy((list) -> {
			ResponseError error = list.get(0);
			assertThat(error.getExtensions()).containsEntry("code", "INTERNAL");
			Matcher matcher = REFERENCE.matcher(error.getMessage());
			assertThat(matcher.find()).as(error.getMessage()).isTrue();
			reference[0] = matcher.group(1);
		});
		return reference[0];
	}

	private static final class Lines extends AppenderBase<ILoggingEvent> {

		final List<ILoggingEvent> list = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent line) {
			line.prepareForDeferredProcessing();
			this.list.add(line);
		}

	}

	private List<ILoggingEvent> linesOf(String reference) {
		return this.lines.list.stream()
			.filter((line) -> reference.equals(line.getMDCPropertyMap().get("execution")))
			.toList();
	}

}
