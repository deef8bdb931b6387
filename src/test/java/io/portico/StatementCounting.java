package io.portico;

import org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Wraps the service's connection factory so tests can count the statements it sends. */
@TestConfiguration(proxyBeanMethods = false)
class StatementCounting {

	@Bean
	PorticoTest.StatementCounter statementCounter() {
		return new PorticoTest.StatementCounter();
	}

	@Bean
	ProxyConnectionFactoryCustomizer countStatements(PorticoTest.StatementCounter counter) {
		return (builder) -> builder.listener(counter);
	}

}
