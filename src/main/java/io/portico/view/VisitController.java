package io.portico.view;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.portico.graphql.Batches;
import io.portico.project.Project;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** {@code Project.sinceLastVisit} and {@code markVisited}. */
@Controller
class VisitController {

	private final Visits visits;

	VisitController(Visits visits) {
		this.visits = visits;
	}

	@MutationMapping
	Mono<OffsetDateTime> markVisited(@Argument String projectId) {
		return this.visits.markVisited(projectId);
	}

	@BatchMapping(typeName = "Project")
	Mono<Map<Project, SinceLastVisit>> sinceLastVisit(List<Project> projects) {
		return this.visits.sinceLastVisit(projects.stream().map(Project::id).toList())
			.map((byProject) -> Batches.byKey(projects, (p) -> byProject.get(p.id())));
	}

}
