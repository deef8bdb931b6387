package io.portico.project;

import java.util.List;

import io.portico.milestone.Milestone;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantConfig;
import reactor.core.publisher.Mono;

/**
 * Something a feature sets up for a new project from its template (billing schedules the
 * invoices of paying milestones). Runs inside the creating transaction, after the
 * milestones are laid out; a failure (a refusal included) creates nothing.
 */
@FunctionalInterface
public interface ProjectSetup {

	Mono<Void> apply(NewProject created);

	/**
	 * A project just created, with what it was created from.
	 *
	 * @param viewer who created it
	 * @param project the project
	 * @param template its template
	 * @param milestones its milestones, in order
	 */
	record NewProject(Viewer viewer, Project project, TenantConfig.ProjectTemplate template,
			List<Milestone> milestones) {
	}

}
