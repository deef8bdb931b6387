-- Event cursors count a tenant's own events only. seq comes from one sequence for all
-- tenants, so a cursor holding it let a tenant count other tenants' events between two
-- of its own. Each event also gets its position in its tenant's log, 1, 2, 3, ...,
-- and cursors, replay and live delivery use that; seq stays the row's key.
ALTER TABLE event ADD COLUMN position bigint;
UPDATE event e SET position = numbered.position
FROM (SELECT tenant_id, seq, row_number() OVER (PARTITION BY tenant_id ORDER BY seq) AS position FROM event) numbered
WHERE e.tenant_id = numbered.tenant_id AND e.seq = numbered.seq;
ALTER TABLE event ALTER COLUMN position SET NOT NULL;
CREATE UNIQUE INDEX event_position ON event (tenant_id, position);
DROP INDEX event_project;
CREATE INDEX event_project ON event (tenant_id, project_id, position);

-- The next position, under the tenant's advisory lock (the one the appending statement
-- already holds, so commit order and position order agree), counted past the client
-- lens: a CLIENT's own append must not reuse a position of an event it cannot see.
CREATE FUNCTION portico_event_position() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
	AS $$
	BEGIN
		PERFORM pg_advisory_xact_lock(hashtextextended(NEW.tenant_id::text, 0));
		NEW.position := coalesce((SELECT max(position) FROM event WHERE tenant_id = NEW.tenant_id), 0) + 1;
		RETURN NEW;
	END
	$$;
ALTER FUNCTION portico_event_position() OWNER TO ${app_role}_definer;
REVOKE ALL ON FUNCTION portico_event_position() FROM PUBLIC;
CREATE TRIGGER event_position BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION portico_event_position();

-- Internal events answer their position, and wake listeners with it.
CREATE OR REPLACE FUNCTION portico_append_internal_event(p_project uuid, p_milestone uuid, p_type text, p_actor text,
		p_occurred_at timestamptz, p_payload jsonb) RETURNS bigint
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
	AS $$
		WITH tenant_lock AS (SELECT pg_advisory_xact_lock(hashtextextended(portico_tenant()::text, 0))),
		appended AS (
			INSERT INTO event (tenant_id, project_id, milestone_id, internal, type, actor, occurred_at, payload)
			SELECT portico_tenant(), p_project, p_milestone, true, p_type, p_actor, p_occurred_at, p_payload
			FROM tenant_lock
			RETURNING position
		)
		SELECT position FROM appended, pg_notify('portico_events', portico_tenant()::text || ':' || appended.position)
	$$;
