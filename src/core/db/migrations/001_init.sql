-- Documents, their paragraphs and segments. A document holds one source text; its target
-- (the translation being written, or an existing translation after alignment) lives on the
-- segments, so the editor, the aligner and the TM all address the same rows.

CREATE TABLE documents (
	id            INTEGER PRIMARY KEY,
	title         TEXT NOT NULL,
	source_lang   TEXT NOT NULL,            -- BCP-47, e.g. fr-FR
	target_lang   TEXT NOT NULL,            -- BCP-47, e.g. en-GB
	origin_file   TEXT,                     -- file name as imported
	origin_sha256 TEXT,                     -- of the imported bytes
	format        TEXT NOT NULL DEFAULT 'txt' CHECK (format IN ('txt', 'docx', 'paste')),
	encoding      TEXT,
	seed_key      TEXT UNIQUE,              -- segments/<key> for documents seeded at first start
	import_report TEXT,                     -- JSON list of what cleanup did (dropped page numbers, …)
	created_at    TEXT NOT NULL,            -- ISO 8601 UTC
	changed_at    TEXT NOT NULL
);

CREATE TABLE paragraphs (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,           -- 0-based position in the document
	kind        TEXT NOT NULL CHECK (kind IN ('heading', 'body', 'list_item', 'footnote')),
	level       INTEGER,                    -- headings: 1 = title
	marker      TEXT,                       -- list bullet or footnote mark as found
	source_text TEXT NOT NULL,              -- the cleaned paragraph: segments' offsets point into it
	source_line INTEGER,                    -- 1-based line of the original where it starts
	UNIQUE (document_id, ord)
);

CREATE TABLE segments (
	id               INTEGER PRIMARY KEY,
	document_id      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	paragraph_id     INTEGER NOT NULL REFERENCES paragraphs (id) ON DELETE CASCADE,
	ord              INTEGER NOT NULL,      -- 0-based position in the document (alignment beads use it)
	ord_in_paragraph INTEGER NOT NULL,
	kind             TEXT NOT NULL CHECK (kind IN ('heading', 'body', 'list_item', 'footnote')),
	start_offset     INTEGER NOT NULL,      -- into paragraphs.source_text, UTF-16 code units
	end_offset       INTEGER NOT NULL,
	source_text      TEXT NOT NULL,
	word_count       INTEGER NOT NULL,
	break_rule       TEXT,                  -- SRX rule that ended this segment
	note_ref         INTEGER REFERENCES segments (id) ON DELETE SET NULL, -- footnote → segment with its call
	target_text      TEXT,
	status           TEXT NOT NULL DEFAULT 'new'
	                 CHECK (status IN ('new', 'draft', 'translated', 'reviewed', 'rejected')),
	version          INTEGER NOT NULL DEFAULT 1, -- optimistic concurrency: bumped on every write
	changed_at       TEXT,
	changed_by       TEXT,
	UNIQUE (document_id, ord)
);

CREATE INDEX segments_paragraph ON segments (paragraph_id, ord_in_paragraph);
CREATE INDEX segments_status ON segments (document_id, status);
