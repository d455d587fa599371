-- Reconciliation in slices (each committed on its own, so no run holds the whole ledger's findings in memory or in
-- one transaction): every run takes the next pass number, and a finding the run sees is marked with it. What a run
-- did not see is cleared afterwards by comparing marks, a slice of findings at a time, instead of keeping every
-- key seen in memory. A mark only ever grows, so a run that started later is never undone by one still going.
-- Written in SQL that HSQLDB and PostgreSQL both accept.

ALTER TABLE finding ADD COLUMN seen_pass BIGINT;

CREATE TABLE reconcile_pass (
  id INTEGER PRIMARY KEY,
  last_pass BIGINT NOT NULL
);
INSERT INTO reconcile_pass (id, last_pass) VALUES (1, 0);
