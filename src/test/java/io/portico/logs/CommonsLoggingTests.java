package io.portico.logs;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's log calls go through Commons Logging's Log4j API adapter, which checks the
 * level before a message becomes a string (commons-logging.properties).
 */
class CommonsLoggingTests {

	@Test
	void springsLogCallsUseTheAdapterThatChecksTheLevelFirst() {
		assertThat(LogFactory.getFactory().getClass().getName())
			.isEqualTo("org.apache.commons.logging.impl.Log4jApiLogFactory");
	}

}
