-- Inline-tag placeholders (U+E000…, one per tag) sit right against the words they wrap:
-- `Les \uE000Alliés\uE001`. FTS5's unicode61 tokenizer counts private-use characters as
-- letters, so it indexed the token `\uE000alliés\uE001` and a concordance search for
-- « Alliés » missed the unit. The first 256 placeholders are separators now (a unit with more
-- tags than that is not a sentence); the index is rebuilt from tm_units.
DROP TABLE tm_fts;
CREATE VIRTUAL TABLE tm_fts USING fts5 (
	source, target,
	content = 'tm_units', content_rowid = 'id',
	tokenize = "unicode61 remove_diacritics 2 separators ''"
);
INSERT INTO tm_fts (tm_fts) VALUES ('rebuild');
-- as 007 set them (the settings live in the table just dropped)
INSERT INTO tm_fts (tm_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO tm_fts (tm_fts, rank) VALUES ('automerge', 8);
