-- Portico schema. Every table carries tenant_id and is guarded twice: the service
-- scopes each statement by tenant, and the row-level security below enforces it
-- again for the role the service connects as (${app_role}), which owns nothing.

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${app_role}') THEN
		CREATE ROLE ${app_role} LOGIN;
	END IF;
END
$$;

-- The tenant and client account of the current transaction, set by the service with
-- set_config(..., true) as the first statement of every transaction. After commit
-- the settings read '' which becomes NULL here: no tenant, no rows (fail closed).
CREATE FUNCTION portico_tenant() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('portico.tenant_id', true), '')::uuid $$;

-- Set only for CLIENT viewers: the client lens below applies when it is not NULL.
CREATE FUNCTION portico_client_account() RETURNS text
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('portico.client_account', true), '') $$;

CREATE TABLE tenant (
	tenant_id      uuid PRIMARY KEY,
	slug           text NOT NULL UNIQUE,
	name           text NOT NULL,
	industry       text NOT NULL,
	config         jsonb NOT NULL,
	config_hash    text NOT NULL,
	loaded_at      timestamptz NOT NULL DEFAULT now(),
	demo_seeded_at timestamptz
);

CREATE TABLE client_account (
	tenant_id  uuid NOT NULL REFERENCES tenant (tenant_id),
	id         text NOT NULL,
	name       text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id)
);

CREATE TABLE project (
	tenant_id         uuid NOT NULL REFERENCES tenant (tenant_id),
	id                uuid NOT NULL,
	client_account_id text NOT NULL,
	name              text NOT NULL,
	status            text NOT NULL DEFAULT 'ACTIVE'
		CHECK (status IN ('ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED')),
	template_key      text,
	start_date        date NOT NULL,
	target_date       date NOT NULL,
	contract_value    numeric(14, 2),
	currency          char(3) NOT NULL,
	created_at        timestamptz NOT NULL DEFAULT now(),
	created_by        text NOT NULL,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, client_account_id) REFERENCES client_account (tenant_id, id),
	CHECK (target_date >= start_date)
);
-- Keyset pagination of projects is by (created_at, id) inside a tenant.
CREATE INDEX project_page ON project (tenant_id, created_at, id);
CREATE INDEX project_client ON project (tenant_id, client_account_id);

CREATE TABLE milestone (
	tenant_id      uuid NOT NULL,
	id             uuid NOT NULL,
	project_id     uuid NOT NULL,
	key            text,
	name           text NOT NULL,
	phase          text,
	position       int NOT NULL,
	description    text,
	status         text NOT NULL DEFAULT 'PLANNED'
		CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'AWAITING_APPROVAL', 'CHANGES_REQUESTED', 'COMPLETED')),
	approval       text NOT NULL CHECK (approval IN ('NONE', 'STAFF', 'CLIENT')),
	due_date       date,
	started_at     timestamptz,
	completed_at   timestamptz,
	owner_team     text,
	client_visible boolean NOT NULL,
	locks_scope    boolean NOT NULL DEFAULT false,
	version        int NOT NULL DEFAULT 1,
	updated_at     timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, project_id, position),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id),
	-- Completion is final and always dated.
	CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
);

CREATE TABLE milestone_dependency (
	tenant_id     uuid NOT NULL,
	milestone_id  uuid NOT NULL,
	depends_on_id uuid NOT NULL,
	PRIMARY KEY (tenant_id, milestone_id, depends_on_id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id),
	FOREIGN KEY (tenant_id, depends_on_id) REFERENCES milestone (tenant_id, id),
	CHECK (milestone_id <> depends_on_id)
);

CREATE TABLE acceptance_criterion (
	tenant_id    uuid NOT NULL,
	id           uuid NOT NULL,
	milestone_id uuid NOT NULL,
	position     int NOT NULL,
	text         text NOT NULL,
	met          boolean NOT NULL DEFAULT false,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id)
);
CREATE INDEX acceptance_criterion_milestone ON acceptance_criterion (tenant_id, milestone_id, position);

CREATE TABLE deliverable (
	tenant_id    uuid NOT NULL,
	id           uuid NOT NULL,
	milestone_id uuid NOT NULL,
	name         text NOT NULL,
	url          text,
	submitted_at timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id)
);
CREATE INDEX deliverable_milestone ON deliverable (tenant_id, milestone_id);

-- One sign-off per milestone: the primary key is what makes two concurrent
-- approvals end with exactly one record.
CREATE TABLE sign_off (
	tenant_id    uuid NOT NULL,
	milestone_id uuid NOT NULL,
	signed_by    text NOT NULL,
	role         text NOT NULL CHECK (role IN ('ADMIN', 'STAFF', 'CLIENT')),
	signed_at    timestamptz NOT NULL,
	note         text,
	PRIMARY KEY (tenant_id, milestone_id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id)
);

-- The append-only event log: activity feed, audit trail, source of subscriptions.
-- seq is taken while the tenant's advisory lock is held (see EventLog), so within a
-- tenant it follows commit order and serves as the resumable cursor.
CREATE TABLE event (
	tenant_id    uuid NOT NULL,
	seq          bigint GENERATED ALWAYS AS IDENTITY,
	project_id   uuid NOT NULL,
	milestone_id uuid,
	type         text NOT NULL,
	actor        text,
	payload      jsonb NOT NULL DEFAULT '{}',
	occurred_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (tenant_id, seq),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id)
);
CREATE INDEX event_project ON event (tenant_id, project_id, seq);

-- Tenant isolation: every table, forced so that even the owner is subject to it.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['tenant', 'client_account', 'project', 'milestone', 'milestone_dependency',
			'acceptance_criterion', 'deliverable', 'sign_off', 'event'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = portico_tenant()) '
				'WITH CHECK (tenant_id = portico_tenant())', t);
	END LOOP;
END
$$;

-- The client lens, in one place: restrictive policies that apply only to the service
-- role and only while a client account is set. A CLIENT sees its account, its
-- account's projects, their client-visible milestones and what hangs off those.
-- Policies on referenced tables apply inside these subqueries, so each level only
-- needs to name its parent.
CREATE POLICY client_lens ON client_account AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR id = portico_client_account());
CREATE POLICY client_lens ON project AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR client_account_id = portico_client_account());
CREATE POLICY client_lens ON milestone AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR (client_visible AND EXISTS (
		SELECT FROM project p WHERE p.tenant_id = milestone.tenant_id AND p.id = milestone.project_id)));
CREATE POLICY client_lens ON milestone_dependency AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR EXISTS (
		SELECT FROM milestone m WHERE m.tenant_id = milestone_dependency.tenant_id
			AND m.id = milestone_dependency.depends_on_id));
CREATE POLICY client_lens ON acceptance_criterion AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR EXISTS (
		SELECT FROM milestone m WHERE m.tenant_id = acceptance_criterion.tenant_id
			AND m.id = acceptance_criterion.milestone_id));
CREATE POLICY client_lens ON deliverable AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR EXISTS (
		SELECT FROM milestone m WHERE m.tenant_id = deliverable.tenant_id AND m.id = deliverable.milestone_id));
CREATE POLICY client_lens ON sign_off AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR EXISTS (
		SELECT FROM milestone m WHERE m.tenant_id = sign_off.tenant_id AND m.id = sign_off.milestone_id));
CREATE POLICY client_lens ON event AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR (
		EXISTS (SELECT FROM project p WHERE p.tenant_id = event.tenant_id AND p.id = event.project_id)
		AND (milestone_id IS NULL OR EXISTS (
			SELECT FROM milestone m WHERE m.tenant_id = event.tenant_id AND m.id = event.milestone_id))));

-- Rules must see past the lens: a client may finish its own milestone only when every
-- dependency is complete, internal ones included. This function runs as the owner
-- (not subject to the lens, still to tenant isolation) and reveals only the
-- blockers of one milestone of the current tenant.
CREATE FUNCTION portico_incomplete_dependencies(p_milestone uuid)
	RETURNS TABLE (id uuid, key text, name text, status text)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
	AS $$
		SELECT m.id, m.key, m.name, m.status
		FROM milestone_dependency d
		JOIN milestone m ON m.tenant_id = d.tenant_id AND m.id = d.depends_on_id
		WHERE d.tenant_id = portico_tenant() AND d.milestone_id = p_milestone AND m.status <> 'COMPLETED'
		ORDER BY m.position
	$$;

GRANT USAGE ON SCHEMA public TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON tenant, client_account, project, milestone, acceptance_criterion, deliverable
	TO ${app_role};
GRANT SELECT, INSERT ON milestone_dependency, sign_off TO ${app_role};
-- The log is append-only for the service: no UPDATE, no DELETE.
GRANT SELECT, INSERT ON event TO ${app_role};
REVOKE ALL ON FUNCTION portico_incomplete_dependencies(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION portico_incomplete_dependencies(uuid) TO ${app_role};
