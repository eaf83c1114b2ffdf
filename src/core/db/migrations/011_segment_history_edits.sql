-- The segment history records every change of a target, not only re-imports: an edit in the
-- editor, the API or the CLI, a pre-translation, a find-and-replace, a restored version, a join
-- or a split (which also mark where the history of two segments meets). A
-- translator can then see who wrote what and when, and bring back any earlier text, as
-- memoQ's row history and Trados's revision history allow. SQLite cannot change a CHECK
-- constraint in place, so the table is written again (it is small: one row per change).

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
	kind        TEXT NOT NULL CHECK (kind IN ('review', 'reimport', 'edit', 'pretranslate', 'replace', 'restore', 'join', 'split')),
	format      TEXT,                        -- xliff, xliff12, docx (re-imports only)
	origin_file TEXT,                        -- the file the change came from (re-imports only)
	batch       TEXT NOT NULL,               -- one operation (a re-import, a replace-all, a pre-translation) shares it
	changed_by  TEXT,
	changed_at  TEXT NOT NULL                -- ISO 8601 UTC; for coalesced autosaves, the last one
);

INSERT INTO segment_history_new (id, document_id, segment_id, ord, old_target, new_target, old_status, new_status, old_version,
	kind, format, origin_file, batch, changed_by, changed_at)
SELECT id, document_id, segment_id, ord, old_target, new_target, old_status, new_status, old_version,
	kind, format, origin_file, batch, changed_by, changed_at
FROM segment_history;

DROP TABLE segment_history;
ALTER TABLE segment_history_new RENAME TO segment_history;

CREATE INDEX segment_history_document ON segment_history (document_id, ord);
CREATE INDEX segment_history_batch ON segment_history (batch);
-- the editor's history panel reads one segment's changes, newest first
CREATE INDEX segment_history_segment ON segment_history (segment_id, id);
