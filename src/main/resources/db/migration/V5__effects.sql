-- What completing a milestone does: acceptance evidence, deliverables, staged invoices,
-- the scope lock, change orders, handoffs and notifications. Every table follows V1:
-- tenant_id in every key, tenant isolation forced, the client lens for ${client_role}.

-- Acceptance: who met a criterion, when, and with what evidence.
ALTER TABLE acceptance_criterion
	ADD COLUMN evidence text,
	ADD COLUMN document_id uuid,
	ADD COLUMN met_by text,
	ADD COLUMN met_at timestamptz,
	ADD FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id);
ALTER TABLE deliverable
	ADD COLUMN document_id uuid,
	ADD COLUMN submitted_by text,
	ADD FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id);
-- A template may let a milestone complete with criteria unmet (criteria: advisory).
ALTER TABLE milestone ADD COLUMN criteria_advisory boolean NOT NULL DEFAULT false;

-- The scope lock and the project's own completion.
ALTER TABLE project
	ADD COLUMN scope_locked_at timestamptz,
	ADD COLUMN scope_locked_by uuid,
	ADD COLUMN completed_at timestamptz,
	ADD FOREIGN KEY (tenant_id, scope_locked_by) REFERENCES milestone (tenant_id, id);

-- Events only staff see (an internal handoff). The lens below hides them from clients.
ALTER TABLE event ADD COLUMN internal boolean NOT NULL DEFAULT false;

CREATE TABLE change_order (
	tenant_id            uuid NOT NULL,
	id                   uuid NOT NULL,
	project_id           uuid NOT NULL,
	milestone_id         uuid,
	title                text NOT NULL,
	description          text,
	cost_impact          numeric(14, 2),
	schedule_impact_days int NOT NULL DEFAULT 0,
	new_criteria         text[] NOT NULL DEFAULT '{}',
	status               text NOT NULL DEFAULT 'PROPOSED'
		CHECK (status IN ('PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
	requested_by         text NOT NULL,
	requested_team       text,
	created_at           timestamptz NOT NULL DEFAULT now(),
	decided_by           text,
	decided_role         text CHECK (decided_role IN ('ADMIN', 'STAFF', 'CLIENT')),
	decided_at           timestamptz,
	note                 text,
	version              int NOT NULL DEFAULT 1,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id),
	-- A decision is final and always recorded with who and when.
	CHECK ((status = 'PROPOSED') = (decided_at IS NULL))
);
CREATE INDEX change_order_project ON change_order (tenant_id, project_id, created_at);

-- Invoices: one per paying milestone, scheduled when the project is created and
-- issued by the milestone's completion; one per change order whose cost is billed.
-- The number is drawn at issue from invoice_number, in the issuing transaction, so a
-- rolled-back issue gives its number back and numbers have no gaps; a void keeps it.
CREATE TABLE invoice (
	tenant_id       uuid NOT NULL,
	id              uuid NOT NULL,
	project_id      uuid NOT NULL,
	milestone_id    uuid,
	change_order_id uuid,
	amount          numeric(14, 2) NOT NULL,
	currency        char(3) NOT NULL,
	status          text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'ISSUED', 'PAID', 'VOID')),
	number          text,
	issued_at       timestamptz,
	due_date        date,
	paid_at         timestamptz,
	reference       text,
	voided_at       timestamptz,
	void_reason     text,
	created_at      timestamptz NOT NULL DEFAULT now(),
	version         int NOT NULL DEFAULT 1,
	PRIMARY KEY (tenant_id, id),
	UNIQUE (tenant_id, number),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id),
	FOREIGN KEY (tenant_id, change_order_id) REFERENCES change_order (tenant_id, id),
	CHECK ((status = 'SCHEDULED') = (number IS NULL)),
	CHECK ((status = 'SCHEDULED') = (issued_at IS NULL)),
	CHECK (status <> 'PAID' OR paid_at IS NOT NULL),
	CHECK (status <> 'VOID' OR void_reason IS NOT NULL)
);
-- A milestone bills once: its own invoice is the one without a change order.
CREATE UNIQUE INDEX invoice_milestone ON invoice (tenant_id, milestone_id) WHERE change_order_id IS NULL;
CREATE INDEX invoice_project ON invoice (tenant_id, project_id, created_at);

CREATE TABLE invoice_number (
	tenant_id uuid NOT NULL REFERENCES tenant (tenant_id),
	year      int NOT NULL,
	last      int NOT NULL,
	PRIMARY KEY (tenant_id, year)
);

-- What a completion handed over: to which team, who was told, who was released.
CREATE TABLE handoff (
	tenant_id      uuid NOT NULL,
	milestone_id   uuid NOT NULL,
	to_team        text,
	notified_teams text[] NOT NULL DEFAULT '{}',
	released_teams text[] NOT NULL DEFAULT '{}',
	at             timestamptz NOT NULL,
	PRIMARY KEY (tenant_id, milestone_id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id)
);

-- Notifications for staff teams. Read by a team member for the whole team.
CREATE TABLE notification (
	tenant_id    uuid NOT NULL,
	id           uuid NOT NULL,
	team         text NOT NULL,
	kind         text NOT NULL,
	message      text NOT NULL,
	project_id   uuid NOT NULL,
	milestone_id uuid,
	created_at   timestamptz NOT NULL DEFAULT now(),
	read_at      timestamptz,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id)
);
CREATE INDEX notification_team ON notification (tenant_id, team, created_at DESC, id);

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['change_order', 'invoice', 'invoice_number', 'handoff', 'notification'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = portico_tenant()) '
				'WITH CHECK (tenant_id = portico_tenant())', t);
	END LOOP;
END
$$;

-- The client lens. A CLIENT sees the change orders of its projects and the invoices
-- that were issued to it, never a SCHEDULED one (reads only: approving a change order
-- may schedule its invoice with the next paying milestone).
CREATE POLICY client_lens ON change_order AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM project p WHERE p.tenant_id = change_order.tenant_id AND p.id = change_order.project_id));
CREATE POLICY client_lens ON invoice AS RESTRICTIVE FOR SELECT TO ${client_role}
	USING (status <> 'SCHEDULED' AND EXISTS (
		SELECT FROM project p WHERE p.tenant_id = invoice.tenant_id AND p.id = invoice.project_id));
-- Handoffs and notifications are internal: a CLIENT's completion writes them but can
-- never read them back (the lens applies to reads only; tenant isolation to both).
CREATE POLICY client_lens ON handoff AS RESTRICTIVE FOR SELECT TO ${client_role} USING (false);
CREATE POLICY client_lens ON notification AS RESTRICTIVE FOR SELECT TO ${client_role} USING (false);
-- Events: as before, plus internal events hidden. Reads only, so that a CLIENT's
-- completion can record an internal event it will never see.
DROP POLICY client_lens ON event;
CREATE POLICY client_lens ON event AS RESTRICTIVE FOR SELECT TO ${client_role}
	USING (NOT internal
		AND EXISTS (SELECT FROM project p WHERE p.tenant_id = event.tenant_id AND p.id = event.project_id)
		AND (milestone_id IS NULL OR EXISTS (
			SELECT FROM milestone m WHERE m.tenant_id = event.tenant_id AND m.id = event.milestone_id))
		AND (document_id IS NULL OR EXISTS (
			SELECT FROM document d WHERE d.tenant_id = event.tenant_id AND d.id = event.document_id)));

-- Effects that must reach past the lens when a CLIENT signs off. Each runs as the owner
-- (still inside the current tenant), touches only what one milestone or project names,
-- and is granted to the service roles alone.

-- Issues the SCHEDULED invoices a milestone's completion releases, in creation order,
-- each with the next number of the tenant's year: PREFIX-YYYY-NNNN.
CREATE FUNCTION portico_issue_invoices(p_milestone uuid, p_prefix text, p_at timestamptz, p_due date)
	RETURNS TABLE (id uuid)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
	AS $$
	DECLARE
		v_invoice uuid;
	BEGIN
		FOR v_invoice IN
			SELECT i.id FROM invoice i
			WHERE i.tenant_id = portico_tenant() AND i.milestone_id = p_milestone AND i.status = 'SCHEDULED'
			ORDER BY i.change_order_id NULLS FIRST, i.created_at, i.id
			FOR UPDATE
		LOOP
			UPDATE invoice SET status = 'ISSUED', issued_at = p_at, due_date = p_due, version = version + 1,
				number = portico_next_invoice_number(p_prefix, p_at)
			WHERE tenant_id = portico_tenant() AND invoice.id = v_invoice;
			id := v_invoice;
			RETURN NEXT;
		END LOOP;
	END
	$$;

-- The next invoice number of the current tenant for the year of p_at. The row lock on
-- the tenant's counter orders concurrent issuers; a rollback returns the number.
CREATE FUNCTION portico_next_invoice_number(p_prefix text, p_at timestamptz) RETURNS text
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
	AS $$
		INSERT INTO invoice_number AS n (tenant_id, year, last)
		VALUES (portico_tenant(), extract(year FROM p_at AT TIME ZONE 'UTC')::int, 1)
		ON CONFLICT (tenant_id, year) DO UPDATE SET last = n.last + 1
		RETURNING p_prefix || '-' || n.year || '-' || lpad(n.last::text, greatest(4, length(n.last::text)), '0')
	$$;

-- Bills an approved change order's cost: with the next paying milestone that is not
-- completed yet (scheduled, issued by that milestone's completion), or at once when the
-- tenant bills on approval or no paying milestone is left. Past the lens: a CLIENT's
-- approval may schedule an invoice it will only see once issued.
CREATE FUNCTION portico_bill_change_order(p_change_order uuid, p_amount numeric, p_currency text, p_prefix text,
		p_at timestamptz, p_due date, p_with_next_milestone boolean)
	RETURNS TABLE (id uuid, issued boolean)
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
	AS $$
	DECLARE
		v_project uuid;
		v_next uuid;
		v_id uuid := gen_random_uuid();
	BEGIN
		SELECT c.project_id INTO v_project FROM change_order c
		WHERE c.tenant_id = portico_tenant() AND c.id = p_change_order;
		IF v_project IS NULL THEN
			RETURN;
		END IF;
		IF p_with_next_milestone THEN
			SELECT i.milestone_id INTO v_next FROM invoice i
			JOIN milestone m ON m.tenant_id = i.tenant_id AND m.id = i.milestone_id
			WHERE i.tenant_id = portico_tenant() AND i.project_id = v_project AND i.change_order_id IS NULL
				AND i.status = 'SCHEDULED' AND m.status <> 'COMPLETED'
			ORDER BY m.position
			LIMIT 1;
		END IF;
		IF v_next IS NOT NULL THEN
			INSERT INTO invoice (tenant_id, id, project_id, milestone_id, change_order_id, amount, currency)
			VALUES (portico_tenant(), v_id, v_project, v_next, p_change_order, p_amount, p_currency);
			id := v_id;
			issued := false;
		ELSE
			INSERT INTO invoice (tenant_id, id, project_id, change_order_id, amount, currency, status, number,
				issued_at, due_date)
			VALUES (portico_tenant(), v_id, v_project, p_change_order, p_amount, p_currency, 'ISSUED',
				portico_next_invoice_number(p_prefix, p_at), p_at, p_due);
			id := v_id;
			issued := true;
		END IF;
		RETURN NEXT;
	END
	$$;

-- Whether every milestone of the project is completed, internal ones included.
CREATE FUNCTION portico_project_done(p_project uuid) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
	AS $$
		SELECT NOT EXISTS (
			SELECT FROM milestone m
			WHERE m.tenant_id = portico_tenant() AND m.project_id = p_project AND m.status <> 'COMPLETED')
	$$;

-- The milestone a project waits on now: the first not completed, in order, with what
-- decides whose turn it is. Past the lens: a CLIENT learns only that the team has it.
CREATE FUNCTION portico_current_milestone(p_project uuid)
	RETURNS TABLE (id uuid, status text, approval text, owner_team text, client_visible boolean, since timestamptz)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
	AS $$
		SELECT m.id, m.status, m.approval, m.owner_team, m.client_visible, m.updated_at
		FROM milestone m
		WHERE m.tenant_id = portico_tenant() AND m.project_id = p_project AND m.status <> 'COMPLETED'
		ORDER BY m.position
		LIMIT 1
	$$;

-- An approved change order moves the affected milestone and every later one of its
-- project that is not completed by its schedule impact, internal ones included.
CREATE FUNCTION portico_shift_schedule(p_milestone uuid, p_days int) RETURNS int
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
	AS $$
		WITH affected AS (
			SELECT project_id, position FROM milestone WHERE tenant_id = portico_tenant() AND id = p_milestone
		),
		shifted AS (
			UPDATE milestone m SET due_date = m.due_date + p_days, version = m.version + 1, updated_at = now()
			FROM affected a
			WHERE m.tenant_id = portico_tenant() AND m.project_id = a.project_id AND m.position >= a.position
				AND m.status <> 'COMPLETED' AND m.due_date IS NOT NULL
			RETURNING 1
		)
		SELECT count(*)::int FROM shifted
	$$;

-- An approved change order adds its acceptance criteria to the milestone it affects,
-- also when that milestone is internal and a CLIENT approved.
CREATE FUNCTION portico_add_criteria(p_milestone uuid, p_texts text[]) RETURNS int
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
	AS $$
		WITH added AS (
			INSERT INTO acceptance_criterion (tenant_id, id, milestone_id, position, text)
			SELECT portico_tenant(), gen_random_uuid(), p_milestone,
				(SELECT coalesce(max(position), 0) FROM acceptance_criterion
				 WHERE tenant_id = portico_tenant() AND milestone_id = p_milestone) + t.n, t.text
			FROM unnest(p_texts) WITH ORDINALITY AS t(text, n)
			WHERE EXISTS (SELECT FROM milestone WHERE tenant_id = portico_tenant() AND id = p_milestone)
			RETURNING 1
		)
		SELECT count(*)::int FROM added
	$$;

-- Appends an internal event (staff only) past the client lens. A CLIENT's completion
-- records a handoff it may never read back, and PostgreSQL only lets a role INSERT ...
-- RETURNING a row it could read; other events are appended by the role itself, under
-- the lens. Same statement as EventLog's: the tenant's advisory lock orders seq.
CREATE FUNCTION portico_append_internal_event(p_project uuid, p_milestone uuid, p_type text, p_actor text,
		p_occurred_at timestamptz, p_payload jsonb) RETURNS bigint
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
	AS $$
		WITH tenant_lock AS (SELECT pg_advisory_xact_lock(hashtextextended(portico_tenant()::text, 0))),
		appended AS (
			INSERT INTO event (tenant_id, project_id, milestone_id, internal, type, actor, occurred_at, payload)
			SELECT portico_tenant(), p_project, p_milestone, true, p_type, p_actor, p_occurred_at, p_payload
			FROM tenant_lock
			RETURNING seq
		)
		SELECT seq FROM appended, pg_notify('portico_events', portico_tenant()::text || ':' || appended.seq)
	$$;

GRANT SELECT, INSERT, UPDATE ON change_order, invoice, notification TO ${app_role};
GRANT SELECT, INSERT ON handoff TO ${app_role};
GRANT SELECT, UPDATE ON change_order TO ${client_role};
GRANT SELECT, INSERT ON invoice TO ${client_role};
-- SELECT too, so that a read finds nothing (the lens) rather than failing the whole
-- read transaction.
GRANT SELECT, INSERT ON handoff, notification TO ${client_role};
DO $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['portico_issue_invoices(uuid, text, timestamptz, date)',
			'portico_next_invoice_number(text, timestamptz)', 'portico_project_done(uuid)',
			'portico_current_milestone(uuid)', 'portico_shift_schedule(uuid, int)',
			'portico_add_criteria(uuid, text[])',
			'portico_bill_change_order(uuid, numeric, text, text, timestamptz, date, boolean)',
			'portico_append_internal_event(uuid, uuid, text, text, timestamptz, jsonb)'] LOOP
		EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
		EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ${app_role}, ${client_role}', f);
	END LOOP;
END
$$;
