package io.portico.portal;

import java.util.List;

import io.portico.project.Project.ClientAccount;
import io.portico.project.ProjectService;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Viewer;
import io.portico.tenant.Industry;
import io.portico.tenant.TenantConfig;
import io.portico.tenant.TenantRegistry;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Who is calling, and the tenant's portal as that viewer sees it. */
@Controller
class PortalController {

	private final TenantRegistry tenants;

	private final ProjectService projects;

	PortalController(TenantRegistry tenants, ProjectService projects) {
		this.tenants = tenants;
		this.projects = projects;
	}

	@QueryMapping
	Mono<Viewer> viewer() {
		return CurrentViewer.get();
	}

	@SchemaMapping
	Mono<ClientAccount> clientAccount(Viewer viewer) {
		if (viewer.clientAccount() == null) {
			return Mono.empty();
		}
		return this.projects.clientAccounts(List.of(viewer.clientAccount()))
			.mapNotNull((accounts) -> accounts.get(viewer.clientAccount()));
	}

	@QueryMapping
	Mono<Portal> portal() {
		return CurrentViewer.get().map((viewer) -> {
			TenantConfig config = this.tenants.byId(viewer.tenantId()).config();
			return new Portal(config.slug(), config.name(), config.industry(), config.branding(), config.vocabulary(),
					viewer.isClient() ? List.of() : config.templates());
		});
	}

	record Portal(String tenant, String name, Industry industry, TenantConfig.Branding branding,
			TenantConfig.Vocabulary vocabulary, List<TenantConfig.ProjectTemplate> templates) {
	}

}
