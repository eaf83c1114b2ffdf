-- Alignment: an existing translation is imported as a document of its own (role
-- 'translation', pointing at its original), and an alignment pairs the two documents'
-- segments in beads. Beads are contiguous ranges on each side, in order, so editing one
-- (merge, move a sentence, lock) is a local change.

ALTER TABLE documents ADD COLUMN role TEXT NOT NULL DEFAULT 'original' CHECK (role IN ('original', 'translation'));
ALTER TABLE documents ADD COLUMN translation_of INTEGER REFERENCES documents (id) ON DELETE CASCADE;
CREATE INDEX documents_translation_of ON documents (translation_of);

CREATE TABLE alignments (
	id                 INTEGER PRIMARY KEY,
	source_document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	target_document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	warnings           TEXT,                       -- JSON AlignWarning[] of the last automatic run
	stats              TEXT,                       -- JSON model figures (length ratio, learned pairs…)
	version            INTEGER NOT NULL DEFAULT 1, -- bumped by every edit: the page detects a stale view
	confirmed_at       TEXT,                       -- last "confirm into TM"
	created_at         TEXT NOT NULL,
	changed_at         TEXT NOT NULL,
	UNIQUE (source_document_id, target_document_id)
);

CREATE TABLE beads (
	alignment_id INTEGER NOT NULL REFERENCES alignments (id) ON DELETE CASCADE,
	ord          INTEGER NOT NULL,
	src_from     INTEGER NOT NULL,                 -- segment ords [from, to) of the source document
	src_to       INTEGER NOT NULL,
	tgt_from     INTEGER NOT NULL,                 -- and of the target document
	tgt_to       INTEGER NOT NULL,
	confidence   REAL NOT NULL,
	evidence     TEXT NOT NULL,                    -- JSON Evidence[]
	locked       INTEGER NOT NULL DEFAULT 0,       -- kept as is when the rest is re-aligned
	manual       INTEGER NOT NULL DEFAULT 0,       -- made or changed by a person
	confirmed    INTEGER NOT NULL DEFAULT 0,       -- sent to the TM
	PRIMARY KEY (alignment_id, ord)
) WITHOUT ROWID;
