package io.portico.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DemoModeTests {

	private final DatabaseConfiguration configuration = new DatabaseConfiguration();

	@Test
	void demoModeIsOnWithTheEmbeddedDatabase() {
		assertThat(this.configuration.demoMode(new MockEnvironment()).enabled()).isTrue();
	}

	@Test
	void demoModeWarnsAtStartWhatItAllows(CapturedOutput output) {
		DemoMode local = this.configuration.demoMode(new MockEnvironment());
		assertThat(local.allowRemote()).isFalse();
		assertThat(output).contains("WARN").contains("Demo mode is on").contains("loopback");

		this.configuration.demoMode(new MockEnvironment().withProperty("portico.demo.allow-remote", "true"));
		assertThat(output).contains("ANY caller");
	}

	@Test
	void demoModeIsOffWithAnExternalDatabaseUnlessEnabled() {
		MockEnvironment external = new MockEnvironment().withProperty("spring.r2dbc.url",
				"r2dbc:postgresql://db:5432/portico");
		assertThat(this.configuration.demoMode(external).enabled()).isFalse();
		assertThat(this.configuration.demoMode(external.withProperty("portico.demo.enabled", "true")).enabled())
			.isTrue();
	}

}
