package io.portico.view;

import java.util.List;
import java.util.Map;

import io.portico.graphql.Batches;
import io.portico.project.Project;
import io.portico.shared.CurrentViewer;
import io.portico.tenant.Industry;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Project.view}: the tenant's industry decides its type. Every part of a view is
 * computed in one batch for all the projects asked for (see {@link ViewLoader}), so a
 * view costs the same statements for one project or a page of them.
 */
@Controller
class ViewController {

	private final ViewLoader loader;

	ViewController(ViewLoader loader) {
		this.loader = loader;
	}

	@BatchMapping(typeName = "Project")
	Mono<Map<Project, ProjectView>> view(List<Project> projects) {
		return CurrentViewer.get().flatMap((viewer) -> {
			Industry industry = this.loader.industry(viewer);
			return this.loader.load(viewer, projects)
				.map((facts) -> Batches.byKey(projects, (p) -> Views.of(industry, facts.get(p.id()))));
		});
	}

}
