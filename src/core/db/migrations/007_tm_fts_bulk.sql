-- The concordance index (FTS5) is most of what a TMX import costs. FTS5 gathers new terms in
-- memory and writes them out as a segment when that buffer is full ('hashsize', 1 MB by
-- default), then merges segments once 'automerge' of them share a level (default 4). A large
-- import thus wrote hundreds of small segments and merged them over and over. With a 32 MB
-- buffer and merges from 8 segments, 300k units imported ~30 % faster (22.6k → 33.1k units/s,
-- bench/_tm-dev-import-parts.ts); 16 MB did about as well (the FTS part of 300k units: 1 MB
-- 4.5 s, 16 MB 3.7 s, 32 MB 3.6 s, with automerge 4) and keeps a 1M-unit import within its
-- 256 MB. The buffer only fills in a large transaction, so everyday writes are unchanged,
-- and a lookup reads at most 8 segments per level instead of 4.
INSERT INTO tm_fts (tm_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO tm_fts (tm_fts, rank) VALUES ('automerge', 8);
