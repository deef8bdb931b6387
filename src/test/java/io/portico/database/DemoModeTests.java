package io.portico.database;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DemoModeTests {

	private final DatabaseConfiguration configuration = new DatabaseConfiguration();

	@Test
	void demoModeIsOnWithTheEmbeddedDatabase() {
		assertThat(this.configuration.demoMode(new MockEnvironment()).enabled()).isTrue();
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
