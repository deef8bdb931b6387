-- Documents of a project. One tied to a milestone stays locked (invisible to clients)
-- until that milestone completes; one without a milestone is shared from the start.
CREATE TABLE document (
	tenant_id    uuid NOT NULL,
	id           uuid NOT NULL,
	project_id   uuid NOT NULL,
	milestone_id uuid,
	name         text NOT NULL,
	kind         text,
	content_type text,
	size_bytes   bigint CHECK (size_bytes >= 0),
	unlocked_at  timestamptz,
	created_at   timestamptz NOT NULL DEFAULT now(),
	created_by   text NOT NULL,
	PRIMARY KEY (tenant_id, id),
	FOREIGN KEY (tenant_id, project_id) REFERENCES project (tenant_id, id),
	FOREIGN KEY (tenant_id, milestone_id) REFERENCES milestone (tenant_id, id),
	CHECK (milestone_id IS NOT NULL OR unlocked_at IS NOT NULL)
);
CREATE INDEX document_project ON document (tenant_id, project_id, created_at, id);
CREATE INDEX document_milestone ON document (tenant_id, milestone_id);

ALTER TABLE document ENABLE ROW LEVEL SECURITY;
ALTER TABLE document FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON document USING (tenant_id = portico_tenant())
	WITH CHECK (tenant_id = portico_tenant());
-- The client lens: unlocked documents of the account's projects, nothing else.
CREATE POLICY client_lens ON document AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR (unlocked_at IS NOT NULL AND EXISTS (
		SELECT FROM project p WHERE p.tenant_id = document.tenant_id AND p.id = document.project_id)));

-- An event about a document is seen by whoever may see the document.
ALTER TABLE event ADD COLUMN document_id uuid;
ALTER TABLE event ADD FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id);
DROP POLICY client_lens ON event;
CREATE POLICY client_lens ON event AS RESTRICTIVE TO ${app_role}
	USING (portico_client_account() IS NULL OR (
		EXISTS (SELECT FROM project p WHERE p.tenant_id = event.tenant_id AND p.id = event.project_id)
		AND (milestone_id IS NULL OR EXISTS (
			SELECT FROM milestone m WHERE m.tenant_id = event.tenant_id AND m.id = event.milestone_id))
		AND (document_id IS NULL OR EXISTS (
			SELECT FROM document d WHERE d.tenant_id = event.tenant_id AND d.id = event.document_id))));

-- Completing a milestone unlocks its documents, also when a client completes it and
-- cannot see them yet. Runs as the owner (past the lens, still inside the tenant) and
-- touches only the documents of one milestone of the current tenant.
CREATE FUNCTION portico_unlock_documents(p_milestone uuid, p_at timestamptz)
	RETURNS TABLE (id uuid, project_id uuid)
	LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
	AS $$
		WITH unlocked AS (
			UPDATE document d SET unlocked_at = p_at
			WHERE d.tenant_id = portico_tenant() AND d.milestone_id = p_milestone AND d.unlocked_at IS NULL
			RETURNING d.id, d.project_id, d.created_at
		)
		SELECT unlocked.id, unlocked.project_id FROM unlocked ORDER BY unlocked.created_at, unlocked.id
	$$;

GRANT SELECT, INSERT, UPDATE ON document TO ${app_role};
REVOKE ALL ON FUNCTION portico_unlock_documents(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION portico_unlock_documents(uuid, timestamptz) TO ${app_role};
