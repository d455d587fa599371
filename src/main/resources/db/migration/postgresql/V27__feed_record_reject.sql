-- A feed record whose row the ingest rejected: its id is not marked taken (CAMEL_MESSAGEPROCESSED), so the record a
-- partner corrects on its platform comes with the next pull. What is kept instead is the content that was refused
-- (its SHA-256, the fingerprint), so the same record sent unchanged is not taken again every night, and where its
-- reject is (file, row), so that the reject is closed when a later pull brings the record corrected, or again.
-- One row per source and record id: the latest refusal.
CREATE TABLE feed_record_reject (
  source_id VARCHAR(64) NOT NULL,
  record_id VARCHAR(255) NOT NULL,
  fingerprint CHAR(64) NOT NULL,
  file_id BIGINT NOT NULL,
  row_no INTEGER NOT NULL,
  rejected_at TIMESTAMP NOT NULL,
  CONSTRAINT feed_record_reject_pk PRIMARY KEY (source_id, record_id),
  CONSTRAINT feed_record_reject_file FOREIGN KEY (file_id) REFERENCES ingest_file (id)
);
