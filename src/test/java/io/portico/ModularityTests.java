package io.portico;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Features reach each other only through their public types, and never in a cycle.
 */
class ModularityTests {

	@Test
	void featuresFormAnAcyclicModuleGraph() {
		ApplicationModules.of(PorticoApplication.class).verify();
	}

}
