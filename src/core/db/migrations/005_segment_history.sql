-- Every target a re-import (an XLIFF back from a vendor, a bilingual DOCX back from a
-- reviewer) changed: old and new target and status, who, when, from which file. A DOCX
-- re-import is a review, so the reviewer's changes can be looked at and undone later.

CREATE TABLE segment_history (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	segment_id  INTEGER REFERENCES segments (id) ON DELETE SET NULL,
	ord         INTEGER NOT NULL,            -- segment ord when changed (0-based)
	old_target  TEXT,
	new_target  TEXT,
	old_status  TEXT,
	new_status  TEXT NOT NULL,
	old_version INTEGER NOT NULL,            -- the version the change was checked against
	kind        TEXT NOT NULL CHECK (kind IN ('review', 'reimport')),
	format      TEXT,                        -- xliff, xliff12, docx
	origin_file TEXT,                        -- the file the change came from
	batch       TEXT NOT NULL,               -- one re-import: all its changes share it
	changed_by  TEXT,
	changed_at  TEXT NOT NULL                -- ISO 8601 UTC
);

CREATE INDEX segment_history_document ON segment_history (document_id, ord);
CREATE INDEX segment_history_batch ON segment_history (batch);
