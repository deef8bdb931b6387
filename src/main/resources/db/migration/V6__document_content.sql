-- Documents with content: versions of real files, their bytes (in PostgreSQL by
-- default), who downloaded what, and withdrawal.

ALTER TABLE document
	ADD COLUMN current_version int,
	ADD COLUMN withdrawn_at    timestamptz,
	ADD COLUMN withdrawn_by    text,
	ADD COLUMN withdraw_reason text,
	ADD COLUMN purged_at       timestamptz,
	ADD CHECK (purged_at IS NULL OR withdrawn_at IS NOT NULL);

-- Each upload is a version; the document's content type, size and current version
-- follow the newest one.
CREATE TABLE document_version (
	tenant_id    uuid NOT NULL,
	document_id  uuid NOT NULL,
	number       int NOT NULL CHECK (number > 0),
	size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
	content_type text NOT NULL,
	sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	storage      text NOT NULL CHECK (storage IN ('postgres', 's3')),
	uploaded_at  timestamptz NOT NULL,
	uploaded_by  text NOT NULL,
	PRIMARY KEY (tenant_id, document_id, number),
	FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id)
);

-- The bytes of a version stored in PostgreSQL, in order. Written in the uploading
-- transaction: an upload cut off midway rolls back with every chunk it wrote.
CREATE TABLE document_chunk (
	tenant_id   uuid NOT NULL,
	document_id uuid NOT NULL,
	version     int NOT NULL,
	n           int NOT NULL,
	data        bytea NOT NULL,
	PRIMARY KEY (tenant_id, document_id, version, n),
	-- Checked at commit: the chunks are written as they arrive, the version they belong
	-- to once the last one is in and its size and digest are known.
	FOREIGN KEY (tenant_id, document_id, version) REFERENCES document_version (tenant_id, document_id, number)
		DEFERRABLE INITIALLY DEFERRED
);
-- Chunks are large; keep them out of the main heap's way and uncompressed (uploads are
-- mostly compressed formats already).
ALTER TABLE document_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

-- Read receipts: every download by a CLIENT.
CREATE TABLE document_download (
	tenant_id     uuid NOT NULL,
	document_id   uuid NOT NULL,
	version       int NOT NULL,
	downloaded_by text NOT NULL,
	role          text NOT NULL CHECK (role IN ('ADMIN', 'STAFF', 'CLIENT')),
	at            timestamptz NOT NULL,
	FOREIGN KEY (tenant_id, document_id) REFERENCES document (tenant_id, id)
);
CREATE INDEX document_download_document ON document_download (tenant_id, document_id, at DESC);

-- The key download and upload URLs are signed with, shared by every instance.
CREATE TABLE url_signing_key (
	id  int PRIMARY KEY CHECK (id = 1),
	key bytea NOT NULL
);
INSERT INTO url_signing_key (id, key)
	VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
-- Not tenant data, but under row-level security like every table: the service role may
-- read the key, nobody else (the client role has no grant at all).
ALTER TABLE url_signing_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE url_signing_key FORCE ROW LEVEL SECURITY;
CREATE POLICY service_reads ON url_signing_key FOR SELECT TO ${app_role} USING (true);

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['document_version', 'document_chunk', 'document_download'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = portico_tenant()) '
				'WITH CHECK (tenant_id = portico_tenant())', t);
	END LOOP;
END
$$;

-- The client lens: a withdrawn document is gone from portals; a version and its bytes
-- are seen by who may see the document (so a locked document's versions stay hidden
-- until its milestone completes); receipts are written by a CLIENT, read by staff.
DROP POLICY client_lens ON document;
CREATE POLICY client_lens ON document AS RESTRICTIVE TO ${client_role}
	USING (unlocked_at IS NOT NULL AND withdrawn_at IS NULL AND EXISTS (
		SELECT FROM project p WHERE p.tenant_id = document.tenant_id AND p.id = document.project_id));
CREATE POLICY client_lens ON document_version AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM document d
		WHERE d.tenant_id = document_version.tenant_id AND d.id = document_version.document_id));
CREATE POLICY client_lens ON document_chunk AS RESTRICTIVE TO ${client_role}
	USING (EXISTS (SELECT FROM document d
		WHERE d.tenant_id = document_chunk.tenant_id AND d.id = document_chunk.document_id));
CREATE POLICY client_lens ON document_download AS RESTRICTIVE FOR SELECT TO ${client_role} USING (false);

GRANT SELECT, INSERT, DELETE ON document_version, document_chunk TO ${app_role};
GRANT SELECT, INSERT ON document_download TO ${app_role};
GRANT SELECT, INSERT ON document_download TO ${client_role};
GRANT SELECT ON document_version, document_chunk TO ${client_role};
GRANT SELECT ON url_signing_key TO ${app_role};
