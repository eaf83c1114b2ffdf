-- The translation memory. Units keep their text with inline tags as placeholders (tags in
-- JSON beside), a normalised source for exact lookups (hashed, so the index stays small),
-- provenance, the in-context key (neighbouring source segments) and TMX props/notes.

CREATE TABLE tm_units (
	id           INTEGER PRIMARY KEY,
	source_lang  TEXT NOT NULL,
	target_lang  TEXT NOT NULL,
	source       TEXT NOT NULL,             -- with U+E000… placeholders for inline tags
	target       TEXT NOT NULL,
	source_tags  TEXT,                      -- JSON InlineTag[]
	target_tags  TEXT,
	source_norm  TEXT NOT NULL,             -- match form: tags out, spaces and apostrophes unified
	source_key   TEXT NOT NULL,             -- hash of (languages, source_norm): exact lookups
	pair_key     TEXT NOT NULL UNIQUE,      -- hash of (languages, source_norm, target_norm): no duplicates
	tokens       TEXT NOT NULL,             -- fuzzy index tokens, space-separated
	origin       TEXT NOT NULL CHECK (origin IN ('alignment', 'translation', 'import')),
	tuid         TEXT,
	document_id  INTEGER REFERENCES documents (id) ON DELETE SET NULL,
	segment_ord  INTEGER,
	context_prev TEXT,                      -- source_norm of the previous / next segment
	context_next TEXT,
	confidence   REAL,
	props        TEXT,                      -- JSON TmProp[]
	notes        TEXT,                      -- JSON string[]
	import_file  TEXT,
	created_at   TEXT NOT NULL,
	created_by   TEXT,
	changed_at   TEXT NOT NULL,
	changed_by   TEXT
);
CREATE INDEX tm_units_exact ON tm_units (source_key);
CREATE INDEX tm_units_origin ON tm_units (origin);
CREATE INDEX tm_units_document ON tm_units (document_id);

-- Concordance: diacritics folded; apostrophes are separators, so l’OTAN is found by OTAN.
CREATE VIRTUAL TABLE tm_fts USING fts5 (
	source, target,
	content = 'tm_units', content_rowid = 'id',
	tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER tm_units_ai AFTER INSERT ON tm_units BEGIN
	INSERT INTO tm_fts (rowid, source, target) VALUES (new.id, new.source, new.target);
END;
CREATE TRIGGER tm_units_ad AFTER DELETE ON tm_units BEGIN
	INSERT INTO tm_fts (tm_fts, rowid, source, target) VALUES ('delete', old.id, old.source, old.target);
END;
CREATE TRIGGER tm_units_au AFTER UPDATE OF source, target ON tm_units BEGIN
	INSERT INTO tm_fts (tm_fts, rowid, source, target) VALUES ('delete', old.id, old.source, old.target);
	INSERT INTO tm_fts (rowid, source, target) VALUES (new.id, new.source, new.target);
END;

-- A TMX import lands here batch by batch (short transactions, so other writers are never
-- blocked for long), then moves into tm_units in one transaction: an import is either all
-- there or not there at all, and a failed or interrupted one leaves only staging rows, which
-- the next start clears.
CREATE TABLE tm_staging (
	import_id    TEXT NOT NULL,
	seq          INTEGER NOT NULL,
	source_lang  TEXT NOT NULL,
	target_lang  TEXT NOT NULL,
	source       TEXT NOT NULL,
	target       TEXT NOT NULL,
	source_tags  TEXT,
	target_tags  TEXT,
	source_norm  TEXT NOT NULL,
	source_key   TEXT NOT NULL,
	pair_key     TEXT NOT NULL,
	tokens       TEXT NOT NULL,
	origin       TEXT NOT NULL,
	tuid         TEXT,
	props        TEXT,
	notes        TEXT,
	import_file  TEXT,
	created_at   TEXT NOT NULL,
	created_by   TEXT,
	changed_at   TEXT NOT NULL,
	changed_by   TEXT,
	PRIMARY KEY (import_id, seq)
) WITHOUT ROWID;
