-- Where an edited TM unit went. An edit that changes the source's tokens writes the unit again
-- under a new id (the fuzzy index reads each id once), and an edit that makes it equal to
-- another unit merges it into that one: either way its old id stops existing, while links to it
-- live on (bookmarks, concordance results opened before the edit, messages between colleagues).
-- One row per old id, always pointing at the unit's CURRENT id: recording A→B also repoints
-- every X→A to X→B, so resolving never walks a chain.
CREATE TABLE tm_unit_moves (
	old_id   INTEGER PRIMARY KEY,
	new_id   INTEGER NOT NULL,
	moved_at TEXT NOT NULL
);
CREATE INDEX tm_unit_moves_new ON tm_unit_moves (new_id);

-- SQLite hands the id of a deleted top row to the next unit written: a move left pointing at a
-- deleted unit could later send an old link to an unrelated unit, and a move from an id that
-- was reused and then deleted would send the reused unit's link to the first unit's successor.
-- So a deleted unit takes with it the moves to it and the move from its id (a trigger, so that
-- every way of deleting units, this process's or another's, keeps the table right).
CREATE TRIGGER tm_unit_moves_ad AFTER DELETE ON tm_units BEGIN
	DELETE FROM tm_unit_moves WHERE new_id = old.id;
	DELETE FROM tm_unit_moves WHERE old_id = old.id;
END;
