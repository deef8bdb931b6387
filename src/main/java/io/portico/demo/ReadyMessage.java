package io.portico.demo;

import java.util.stream.Collectors;

import io.portico.database.DemoMode;
import io.portico.tenant.Tenant;
import io.portico.tenant.TenantRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a newcomer where to go once the service is ready. */
@Component
class ReadyMessage {

	private static final Log logger = LogFactory.getLog(ReadyMessage.class);

	private final DemoMode demo;

	private final TenantRegistry tenants;

	ReadyMessage(DemoMode demo, TenantRegistry tenants) {
		this.demo = demo;
		this.tenants = tenants;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
		StringBuilder message = new StringBuilder("\n\n  Portico is ready.\n  GraphiQL:   " + base
				+ "/graphiql  (add an Authorization: Bearer <token> header)\n  GraphQL:    " + base + "/graphql\n");
		if (this.demo.enabled()) {
			message.append("  Demo token: curl -s -X POST ")
				.append(base)
				.append("/auth/demo-token -H 'Content-Type: application/json' \\\n")
				.append("               -d '{\"tenant\":\"")
				.append(this.tenants.all().iterator().next().slug())
				.append("\",\"role\":\"STAFF\",\"subject\":\"you@example.com\"}'\n")
				.append("  Tenants:    ")
				.append(this.tenants.all().stream().map(Tenant::slug).collect(Collectors.joining(", ")))
				.append('\n');
		}
		logger.info(message);
	}

}
