-- Which seed folders (segments/<key>) were imported once. The documents table alone could
-- not say it: a user who deleted a seeded document would have it back at the next start.
CREATE TABLE seeded (
	seed_key  TEXT PRIMARY KEY,
	seeded_at TEXT NOT NULL
);
INSERT INTO seeded (seed_key, seeded_at) SELECT seed_key, created_at FROM documents WHERE seed_key IS NOT NULL;
