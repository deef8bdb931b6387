-- Industry views: what a milestone is, its plan as first made, and the records the
-- construction, agency and onboarding views are built from. No second model of the
-- project: every view is computed from these rows and the milestones, invoices,
-- documents and events already kept.

-- What a milestone is (from its template) and what its kind needs: an inspection its
-- authority, a deliverable review its included revision rounds, an integration
-- milestone the checks that must pass before it completes. changes_requested counts
-- the approver's requests for changes (a review's rounds used).
-- planned_date is the due date the project was created with; only an approved change
-- order moves it (portico_shift_schedule below), so slips are measured against it.
ALTER TABLE milestone
	ADD COLUMN kind            text CHECK (kind IN ('INSPECTION', 'REVIEW', 'INTEGRATION', 'DECISION')),
	ADD COLUMN planned_date    date,
	ADD COLUMN authority       text,
	ADD COLUMN included_rounds int CHECK (included_rounds >= 0),
	ADD COLUMN changes_requested int NOT NULL DEFAULT 0 CHECK (changes_requested >= 0),
	ADD COLUMN required_checks text[] NOT NULL DEFAULT '{}';
UPDATE milestone SET planned_date = due_date;

-- A change order may buy revision rounds for the review milestone it names.
ALTER TABLE change_order
	ADD COLUMN revision_rounds int NOT NULL DEFAULT 0 CHECK (revision_rounds BETWEEN 0 AND 10);

-- Inspection results, append-only: passing after a failure is a new record. The latest
-- record of a milestone is its result.
CREATE TABLE inspection (
	tenant_id          uuid NOT NULL,
	id                 uuid NOT NULL,
	project_id         uuid NOT NULL,
	milestone_id       uuid NOT NULL,
	authority          text,
	result             text NOT NULL CHECK (result IN ('SCHEDULED', 'PASSED', 'FAILED')),
	inspected_on       date,
	report_document_id uuid,
	recorded_by        text NOT NULL,
	recorded_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id),
	FOREIGN KEY (tenant_id, report_document_id) REFERENCES document (tenant_id, id)
);
CREATE INDEX inspection_milestone ON inspection (tenant_id, milestone_id, recorded_at DESC);
CREATE INDEX inspection_project ON inspection (tenant_id, project_id, recorded_at);

-- Integration checks, append-only: the latest report of a (project, name) is its status.
CREATE TABLE integration_check (
	tenant_id    uuid NOT NULL,
	id           uuid NOT NULL,
	project_id   uuid NOT NULL,
	milestone_id uuid,
	name         text NOT NULL,
	status       text NOT NULL CHECK (status IN ('PENDING', 'PASSING', 'FAILING')),
	detail       text,
	checked_by   text NOT NULL,
	checked_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id)
);
CREATE INDEX integration_check_project ON integration_check (tenant_id, project_id, name, checked_at DESC);

-- A person's last visit to a project's portal: when, and how far the tenant's event log
-- had come (what follows it is new to them).
CREATE TABLE visit (
	tenant_id     uuid NOT NULL,
	project_id    uuid NOT NULL,
	subject       text NOT NULL,
	visited_at    timestamptz NOT NULL,
	last_position bigint NOT NULL,
	PRIMARY KEY (tenant_id, project_id, subject),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id)
);

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['inspection', 'integration_check', 'visit'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = portico_tenant()) '
				'WITH CHECK (tenant_id = portico_tenant())', t);
	END LOOP;
END
$$;

-- The client lens: the inspections of milestones it sees (a report stays behind the
-- document lens), the checks of its projects that are not tied to an internal
-- milestone, and visits to its projects.
CREATE POLICY client_lens ON inspection AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM milestone m WHERE m.tenant_id = inspection.tenant_id AND m.id = inspection.milestone_id));
CREATE POLICY client_lens ON integration_check AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM project p WHERE p.tenant_id = integration_check.tenant_id
			AND p.id = integration_check.project_id)
		AND (milestone_id IS NULL OR EXISTS (SELECT FROM milestone m WHERE m.tenant_id = integration_check.tenant_id
			AND m.id = integration_check.milestone_id)));
CREATE POLICY client_lens ON visit AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM project p WHERE p.tenant_id = visit.tenant_id AND p.id = visit.project_id));

GRANT SELECT, INSERT ON inspection, integration_check TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON visit TO ${app_role};
GRANT SELECT ON inspection, integration_check TO ${client_role};
GRANT SELECT, INSERT, UPDATE ON visit TO ${client_role};
GRANT ALL ON inspection, integration_check, visit TO ${app_role}_definer;

-- An approved change order moves the plan as well as the due dates: it is the one
-- thing that does.
CREATE OR REPLACE FUNCTION portico_shift_schedule(p_milestone uuid, p_days int) RETURNS int
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
	AS $$
		WITH affected AS (
			SELECT project_id, position FROM milestone WHERE tenant_id = portico_tenant() AND id = p_milestone
		),
		shifted AS (
			UPDATE milestone m SET due_date = m.due_date + p_days, planned_date = m.planned_date + p_days,
				version = m.version + 1, updated_at = now()
			FROM affected a
			WHERE m.tenant_id = portico_tenant() AND m.project_id = a.project_id AND m.position >= a.position
				AND m.status <> 'COMPLETED' AND m.due_date IS NOT NULL
			RETURNING 1
		)
		SELECT count(*)::int FROM shifted
	$$;
