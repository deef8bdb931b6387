package io.portico.project;

import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.milestone.Completion;
import io.portico.milestone.CompletionEffect;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The last milestone completing completes the project, as the last effect of that
 * completion. "Last" counts every milestone, internal ones too: a CLIENT completing the
 * last one it can see does not complete a project whose internal work is open.
 */
@Component
@Order(CompletionEffect.PROJECT)
class ProjectCompletion implements CompletionEffect {

	// portico_project_done looks past the client lens (see V5); the update only touches
	// a project the viewer may see, which the completing viewer always may.
	private static final String COMPLETE = """
			UPDATE project SET status = 'COMPLETED', completed_at = :at
			WHERE tenant_id = :tenant AND id = :id AND status <> 'COMPLETED' AND portico_project_done(:id)
			""";

	private final DatabaseClient client;

	private final EventLog events;

	ProjectCompletion(DatabaseClient client, EventLog events) {
		this.client = client;
		this.events = events;
	}

	@Bean
	static EventKind<ProjectCompleted> projectCompletedKind() {
		return ProjectCompleted.KIND;
	}

	@Override
	public Mono<Void> apply(Completion completion) {
		return this.client.sql(COMPLETE)
			.bind("at", completion.at())
			.bind("tenant", completion.viewer().tenantId())
			.bind("id", completion.milestone().projectId())
			.fetch()
			.rowsUpdated()
			.filter((rows) -> rows > 0)
			.flatMap((rows) -> this.events.append(completion.viewer(),
					new ProjectCompleted(PortalEvent.UNASSIGNED, completion.milestone().projectId(),
							completion.viewer().subject(), completion.at())))
			.then();
	}

}
