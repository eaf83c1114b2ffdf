-- A confirmed translation fills the empty repetitions of its source in the same document
-- (auto-propagation, as in Trados and memoQ): each filled segment records a change of its own,
-- of kind 'propagate', in the confirmation's batch, so the history says where the text came
-- from and who confirmed it. SQLite cannot change a CHECK constraint in place, so the table is
-- written again, as migration 011 did (one row per change: small), with 013's detail column.

CREATE TABLE segment_history_new (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	segment_id  INTEGER REFERENCES segments (id) ON DELETE SET NULL,
	ord         INTEGER NOT NULL,            -- segment ord when changed (0-based)
	old_target  TEXT,
	new_target  TEXT,
	old_status  TEXT,
	new_status  TEXT NOT NULL,
	old_version INTEGER NOT NULL,            -- the version the change was checked against
	kind        TEXT NOT NULL CHECK (kind IN ('review', 'reimport', 'edit', 'pretranslate', 'replace', 'restore', 'join', 'split', 'propagate')),
	format      TEXT,                        -- xliff, xliff12, docx (re-imports only)
	origin_file TEXT,                        -- the file the change came from (re-imports only)
	batch       TEXT NOT NULL,               -- one operation (a re-import, a replace-all, a pre-translation) shares it
	changed_by  TEXT,
	changed_at  TEXT NOT NULL,               -- ISO 8601 UTC; for coalesced autosaves, the last one
	detail      TEXT                         -- JSON, what a join needs to be undone (migration 013)
);

INSERT INTO segment_history_new (id, document_id, segment_id, ord, old_target, new_target, old_status, new_status, old_version,
	kind, format, origin_file, batch, changed_by, changed_at, detail)
SELECT id, document_id, segment_id, ord, old_target, new_target, old_status, new_status, old_version,
	kind, format, origin_file, batch, changed_by, changed_at, detail
FROM segment_history;

DROP TABLE segment_history;
ALTER TABLE segment_history_new RENAME TO segment_history;

CREATE INDEX segment_history_document ON segment_history (document_id, ord);
CREATE INDEX segment_history_batch ON segment_history (batch);
-- the editor's history panel reads one segment's changes, newest first
CREATE INDEX segment_history_segment ON segment_history (segment_id, id);
