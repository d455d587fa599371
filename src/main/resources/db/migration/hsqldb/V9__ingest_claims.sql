-- Each file's content is loaded exactly once: a file claims its SHA-256 before anything of it is staged. The
-- primary key makes the claim atomic (no check-then-insert): a restart, a re-drop or a second process that finds
-- the claim resumes the claiming file or records a DUPLICATE_FILE. A refused (quarantined) file releases its claim.
CREATE TABLE file_claim (
  sha256 CHAR(64) PRIMARY KEY,
  file_id BIGINT NOT NULL,
  claimed_at TIMESTAMP NOT NULL,
  CONSTRAINT file_claim_file FOREIGN KEY (file_id) REFERENCES ingest_file (id)
);
INSERT INTO file_claim (sha256, file_id, claimed_at)
  SELECT sha256, MIN(id), CURRENT_TIMESTAMP FROM ingest_file
  WHERE outcome IN ('LOADED', 'LOADED_WITH_REJECTS') GROUP BY sha256;

-- How far a file's publication into the ledger has gone: rows and bytes of its staging file already published.
-- Each slice moves them in the same transaction as the slice's rows, so a restart redoes only what is not in.
ALTER TABLE ingest_file ADD COLUMN published_rows INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE ingest_file ADD COLUMN published_offset BIGINT DEFAULT 0 NOT NULL;

-- One slice of a file's records on its way into the ledger, for set-based SQL against the identity index.
-- HSQLDB: a temporary table (per session, in memory, not written to the log); it empties at each commit.
CREATE GLOBAL TEMPORARY TABLE stage_slice (
  file_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  sheet VARCHAR(200) NOT NULL,
  row_no INTEGER NOT NULL,
  repeat_row BOOLEAN NOT NULL,
  key_kind VARCHAR(16) NOT NULL,
  subject_key CHAR(64) NOT NULL,
  subject_ref_enc VARCHAR(512),
  index_key_id VARCHAR(16),
  id_masked VARCHAR(32),
  person_name VARCHAR(100),
  category VARCHAR(32) NOT NULL,
  activity_date DATE NOT NULL,
  agency VARCHAR(200) NOT NULL,
  activity_name VARCHAR(500),
  hours DECIMAL(10,2),
  quantity DECIMAL(14,2) NOT NULL,
  outcome VARCHAR(1000),
  notes VARCHAR(2000),
  record_id BIGINT
) ON COMMIT DELETE ROWS;

-- The identity constraint's index starts with subject_key: a second index on subject_key alone only cost every
-- insert another random walk through a tree on disk.
DROP INDEX support_record_subject_key;

-- Record ids are handed out in blocks (one short transaction reserves a slice's worth), so a slice is inserted with
-- its ids known beforehand and its provenance written without looking each record up again.
CREATE TABLE id_block (
  name VARCHAR(32) PRIMARY KEY,
  next_id BIGINT NOT NULL
);
INSERT INTO id_block (name, next_id) SELECT 'support_record', COALESCE(MAX(id), 0) + 1 FROM support_record;
