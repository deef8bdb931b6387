package io.portico.database;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PorticoPropertiesTests {

	@Test
	void theClientRoleIsNamedAfterTheServiceRoleUnlessNamed() {
		assertThat(properties("portico_app", null).clientRole()).isEqualTo("portico_app_client");
		assertThat(properties("svc", "svc_lens").clientRole()).isEqualTo("svc_lens");
	}

	@Test
	void roleNamesArePlainLowerCaseNamesAndTheTwoRolesDiffer() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("Portico-App", null))
			.withMessageContaining("portico.app-role");
		assertThatIllegalArgumentException().isThrownBy(() -> properties("portico_app", "x; DROP ROLE y"))
			.withMessageContaining("portico.client-role");
		assertThatIllegalArgumentException().isThrownBy(() -> properties("portico_app", "portico_app"))
			.withMessageContaining("other than portico.app-role");
	}

	private static PorticoProperties properties(String appRole, String clientRole) {
		return new PorticoProperties(Path.of("data"), 0, appRole, clientRole, null);
	}

}
