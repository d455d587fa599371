-- A nightly step's progress as it goes (issue 14): how many steps the night has, and what the running step has done
-- of how much (files ingested, reports written, feeds pulled) with a note of what it is at, in both languages
-- (`中文 ‖ English`). Written by the step while it runs, so any process sharing the database shows it live.
-- Written in SQL that HSQLDB and PostgreSQL both accept.
ALTER TABLE nightly_run ADD COLUMN steps_total INTEGER;
ALTER TABLE nightly_run ADD COLUMN progress_done BIGINT;
ALTER TABLE nightly_run ADD COLUMN progress_total BIGINT;
ALTER TABLE nightly_run ADD COLUMN progress_note VARCHAR(400);

-- A CSV's line count, taken while the file is hashed at inspection: the reading phase of its ingest shows a
-- percentage of it (an estimate: a quoted cell may span lines). NULL for formats whose rows are not lines.
ALTER TABLE ingest_file ADD COLUMN expected_rows BIGINT;
