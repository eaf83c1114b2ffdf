-- The termbase: concepts with their terms in every language, as TBX models them, and the
-- QA findings a translator has accepted (ignore-lists), remembered per segment.

CREATE TABLE concepts (
	id          INTEGER PRIMARY KEY,
	concept_key TEXT NOT NULL UNIQUE,        -- TBX conceptEntry/@id, e.g. c-nato
	subject     TEXT,
	definition  TEXT,
	note        TEXT,
	source      TEXT,
	related     TEXT,                        -- JSON array of concept keys
	origin      TEXT,                        -- file it was imported from, or 'ui'
	created_at  TEXT NOT NULL,
	changed_at  TEXT NOT NULL
);

CREATE TABLE terms (
	id             INTEGER PRIMARY KEY,
	concept_id     INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
	ord            INTEGER NOT NULL,          -- order within the concept, as in the file
	lang           TEXT NOT NULL,             -- BCP-47 (fr, en, fr-FR…)
	text           TEXT NOT NULL,
	status         TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated', 'forbidden', 'superseded')),
	term_type      TEXT,                      -- fullForm, acronym, abbreviation, shortForm, variant, phrase
	part_of_speech TEXT,
	gender         TEXT,
	replacement    TEXT,                      -- forbidden/deprecated: what to write instead
	note           TEXT,
	context        TEXT,
	source         TEXT
);
CREATE INDEX terms_concept ON terms (concept_id, ord);
CREATE INDEX terms_text ON terms (lang, text);

CREATE TABLE qa_ignores (
	id          INTEGER PRIMARY KEY,
	segment_id  INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
	check_id    TEXT NOT NULL,
	fingerprint TEXT NOT NULL,               -- Issue.fingerprint: the same finding across runs
	reason      TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	created_by  TEXT,
	UNIQUE (segment_id, check_id, fingerprint)
);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
