-- Each sheet's header row as the partner wrote it, once per file and sheet (issue 17), so a rejected row's values can
-- be shown under the partner's own column titles instead of 原表第N列. `headers` is a JSON array of the header's
-- cells, left to right (masked like the values: a title holding an ID number or a phone shows it masked), and
-- `header_row_no` the row it is on (the lower row of a two-row header). Files loaded before this table have no
-- entry until their rejected rows are retried; the reports then fall back to 原表第N列.
-- Written in SQL that HSQLDB and PostgreSQL both accept.
CREATE TABLE file_sheet_header (
  file_id BIGINT NOT NULL,
  sheet VARCHAR(200) NOT NULL,
  header_row_no INTEGER NOT NULL,
  headers VARCHAR(16000) NOT NULL,
  CONSTRAINT file_sheet_header_pk PRIMARY KEY (file_id, sheet),
  CONSTRAINT file_sheet_header_file FOREIGN KEY (file_id) REFERENCES ingest_file (id)
);
