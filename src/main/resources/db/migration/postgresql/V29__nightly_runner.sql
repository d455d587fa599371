-- Which process runs a night now: one row, taken by the process (lujing_node.node_id) that runs the nightly chain and
-- given back when it ends. Two processes on one database (two nodes, or serve and a `nightly` command through its
-- server) ran nights side by side: two attempts of one night inserting the same step, or an admin's resume restarting
-- the step serve was running. A holder whose heartbeat has stopped holds nothing: its process is dead.
CREATE TABLE nightly_runner (
  id SMALLINT NOT NULL,
  node_id VARCHAR(100),
  run_date DATE,
  trigger_kind VARCHAR(16),
  taken_at TIMESTAMP,
  CONSTRAINT nightly_runner_pk PRIMARY KEY (id)
);
INSERT INTO nightly_runner (id) VALUES (1);
