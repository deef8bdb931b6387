package io.portico.milestone;

import io.portico.sqlread.SqlReadable;
import io.portico.sqlread.SqlSchema;

import org.springframework.stereotype.Component;

/**
 * The milestone table's part of answers the database builds (io.portico.sqlread): a
 * milestone's plain columns, and a project's milestones in order, as
 * {@code MilestoneRepository.byProjects} reads them.
 */
@Component
class MilestoneReads implements SqlReadable {

	@Override
	public void declare(SqlSchema schema) {
		schema.table("Milestone", "milestone")
			.column("id", "id")
			.column("key", "key")
			.column("name", "name")
			.column("phase", "phase")
			.column("position", "position")
			.column("description", "description")
			.column("status", "status")
			.column("approval", "approval")
			.column("dueDate", "due_date")
			.column("plannedDate", "planned_date")
			.column("kind", "kind")
			.column("ownerTeam", "owner_team")
			.column("clientVisible", "client_visible")
			.column("locksScope", "locks_scope")
			.column("version", "version");
		schema.list("Project", "milestones", "Milestone", "project_id", "position");
	}

}
