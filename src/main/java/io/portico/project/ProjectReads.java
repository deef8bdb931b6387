package io.portico.project;

import java.util.List;

import io.portico.project.Project.ProjectStatus;
import io.portico.sqlread.PageRead;
import io.portico.sqlread.SqlArguments;
import io.portico.sqlread.SqlReadable;
import io.portico.sqlread.SqlRoot;
import io.portico.sqlread.SqlSchema;

import org.springframework.stereotype.Component;

/**
 * The project table's part of answers the database builds (io.portico.sqlread): a
 * project's plain columns, and the {@code projects} page, read by the same statement as
 * its resolver with each node built as JSON.
 */
@Component
class ProjectReads implements SqlReadable, SqlRoot<ProjectRepository.JsonRow> {

	private final ProjectService projects;

	ProjectReads(ProjectService projects) {
		this.projects = projects;
	}

	@Override
	public void declare(SqlSchema schema) {
		schema.table("Project", "project")
			.column("id", "id")
			.column("name", "name")
			.column("status", "status")
			.column("templateKey", "template_key")
			.column("startDate", "start_date")
			.column("targetDate", "target_date")
			.column("scopeLocked", "%s.scope_locked_at IS NOT NULL");
		schema.connection("projects", this);
	}

	@Override
	public String nodeType() {
		return "Project";
	}

	@Override
	public PageRead<ProjectRepository.JsonRow> page(SqlArguments arguments, String nodeJson, boolean cursors) {
		List<String> statuses = arguments.strings("status");
		return this.projects.projectsAsJson(arguments.integer("first"), arguments.string("after"),
				(statuses != null) ? statuses.stream().map(ProjectStatus::valueOf).toList() : null, nodeJson, cursors);
	}

	@Override
	public String json(ProjectRepository.JsonRow row) {
		return row.json();
	}

}
