-- A loaded file an admin takes back out of the ledger (files withdraw): when the withdrawal began. Set before the
-- first record goes, so a withdrawal stopped half way shows as one and is finished by running it again; the
-- outcome becomes WITHDRAWN when nothing of the file is left in the ledger. Who and why are in the audit log.
ALTER TABLE ingest_file ADD COLUMN withdrawn_at TIMESTAMP;
