package io.portico.database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	DemoMode demoMode(Environment environment) {
		boolean embedded = EmbeddedDatabaseCondition.isEmbedded(environment.getProperty("spring.r2dbc.url"));
		return new DemoMode(environment.getProperty("portico.demo.enabled", Boolean.class, embedded));
	}

}
