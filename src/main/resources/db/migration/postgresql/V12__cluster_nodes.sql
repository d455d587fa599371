-- Several processes may share the database (PostgreSQL: several nodes; HSQLDB: serve and the commands run through
-- its server). Each process is a node that beats here while it runs; one whose heartbeat is older than
-- lujing.jobs.recover-after is dead, and a running node takes over what it held.
CREATE TABLE lujing_node (
  node_id VARCHAR(100) PRIMARY KEY,
  host VARCHAR(255),
  pid BIGINT,
  started_at TIMESTAMP NOT NULL,
  heartbeat_at TIMESTAMP NOT NULL
);

-- Which node runs a job execution: recovery (marking a dead execution FAILED) goes by that node's heartbeat.
CREATE TABLE job_node (
  job_execution_id BIGINT PRIMARY KEY,
  node_id VARCHAR(100) NOT NULL
);

-- The inbox route's read lock, shared by every node (the key is the inbox file's absolute path): one node takes a
-- file, the others skip it; a dead node's lock is taken over, a live node's never removed.
CREATE TABLE inbox_claim (
  file_key VARCHAR(1000) PRIMARY KEY,
  node_id VARCHAR(100) NOT NULL,
  claimed_at TIMESTAMP NOT NULL
);

-- A content claim names the node loading it and that node's last heartbeat while the file is unfinished (both
-- NULL once it is finished, or once its process is known dead).
ALTER TABLE file_claim ADD COLUMN node_id VARCHAR(100);
ALTER TABLE file_claim ADD COLUMN heartbeat_at TIMESTAMP;
CREATE INDEX file_claim_node ON file_claim (node_id);
