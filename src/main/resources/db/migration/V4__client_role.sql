-- The client lens becomes a role. A CLIENT's transactions switch to ${client_role}
-- right after setting the tenant and the client account; the lens policies apply to
-- that role alone. Staff transactions stay ${app_role} and their statements carry no
-- lens conditions at all: those conditions had made the planner expect a handful of
-- rows, so a page of projects sorted every project of the tenant instead of reading
-- the first rows of its index.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${client_role}') THEN
		CREATE ROLE ${client_role} NOLOGIN;
	END IF;
END
$$;

-- ${app_role} may become ${client_role} for a transaction, but is not subject to its
-- policies otherwise (membership without inheritance).
GRANT ${client_role} TO ${app_role} WITH INHERIT FALSE, SET TRUE;

GRANT USAGE ON SCHEMA public TO ${client_role};
GRANT SELECT, INSERT, UPDATE ON tenant, client_account, project, milestone, acceptance_criterion, deliverable,
	document TO ${client_role};
GRANT SELECT, INSERT ON milestone_dependency, sign_off TO ${client_role};
GRANT SELECT, INSERT ON event TO ${client_role};
GRANT EXECUTE ON FUNCTION portico_incomplete_dependencies(uuid) TO ${client_role};
GRANT EXECUTE ON FUNCTION portico_unlock_documents(uuid, timestamptz) TO ${client_role};

-- The client lens, in one place: what a CLIENT sees is its account, its account's
-- projects, their client-visible milestones and what hangs off those, and unlocked
-- documents. Policies on referenced tables apply inside these subqueries, so each
-- level only names its parent. Without a client account set, it sees nothing.
DROP POLICY client_lens ON client_account;
CREATE POLICY client_lens ON client_account AS RESTRICTIVE TO ${client_role}
	USING (id = portico_client_account());
DROP POLICY client_lens ON project;
CREATE POLICY client_lens ON project AS RESTRICTIVE TO ${client_role}
	USING (client_account_id = portico_client_account());
DROP POLICY client_lens ON milestone;
CREATE POLICY client_lens ON milestone AS RESTRICTIVE TO ${client_role}
	USING (client_visible AND EXISTS (
		SELECT FROM project p WHERE p.tenant_id = milestone.tenant_id AND p.id = milestone.project_id));
DROP POLICY client_lens ON milestone_dependency;
CREATE POLICY client_lens ON milestone_dependency AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM milestone m WHERE m.tenant_id = milestone_dependency.tenant_id
		AND m.id = milestone_dependency.depends_on_id));
DROP POLICY client_lens ON acceptance_criterion;
CREATE POLICY client_lens ON acceptance_criterion AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM milestone m WHERE m.tenant_id = acceptance_criterion.tenant_id
		AND m.id = acceptance_criterion.milestone_id));
DROP POLICY client_lens ON deliverable;
CREATE POLICY client_lens ON deliverable AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM milestone m WHERE m.tenant_id = deliverable.tenant_id
		AND m.id = deliverable.milestone_id));
DROP POLICY client_lens ON sign_off;
CREATE POLICY client_lens ON sign_off AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM milestone m WHERE m.tenant_id = sign_off.tenant_id AND m.id = sign_off.milestone_id));
DROP POLICY client_lens ON document;
CREATE POLICY client_lens ON document AS RESTRICTIVE TO ${client_role}
	USING (unlocked_at IS NOT NULL AND EXISTS (
		SELECT FROM project p WHERE p.tenant_id = document.tenant_id AND p.id = document.project_id));
DROP POLICY client_lens ON event;
CREATE POLICY client_lens ON event AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM project p WHERE p.tenant_id = event.tenant_id AND p.id = event.project_id)
		AND (milestone_id IS NULL OR EXISTS (
			SELECT FROM milestone m WHERE m.tenant_id = event.tenant_id AND m.id = event.milestone_id))
		AND (document_id IS NULL OR EXISTS (
			SELECT FROM document d WHERE d.tenant_id = event.tenant_id AND d.id = event.document_id)));

-- Fail closed: a transaction of ${app_role} that names a client account (it should
-- have become ${client_role}) has no tenant, so it sees and writes nothing. Put here,
-- the check costs nothing: the planner compares the tenant once per statement (as a
-- one-time filter), while a policy of its own was estimated as a row filter that kept
-- almost nothing, and led it to sort a tenant's projects again.
CREATE OR REPLACE FUNCTION portico_tenant() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$
		SELECT CASE
			WHEN current_user = '${app_role}' AND nullif(current_setting('portico.client_account', true), '') IS NOT NULL
			THEN NULL
			ELSE nullif(current_setting('portico.tenant_id', true), '')::uuid
		END
	$$;
