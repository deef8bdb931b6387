-- Events are records of the features that own them: every component of an event but
-- its header (seq, project, actor, time) is in its payload. Events written before
-- kept their milestone or document in a column only; copy it into the payload. The
-- milestone_id and document_id columns stay: the client lens reads them.
ALTER TABLE event NO FORCE ROW LEVEL SECURITY;
UPDATE event SET payload = payload || jsonb_build_object('milestoneId', milestone_id)
	WHERE type = 'MILESTONE_CHANGED' AND NOT payload ? 'milestoneId';
UPDATE event SET payload = payload || jsonb_build_object('documentId', document_id)
	WHERE type = 'DOCUMENT_UNLOCKED' AND NOT payload ? 'documentId';
ALTER TABLE event FORCE ROW LEVEL SECURITY;
