-- Camel's JDBC idempotent repository (JdbcMessageIdRepository's default table), used by feed pulls
-- so that a record pulled twice is taken once. Flyway owns it; Camel never creates it.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
  processorName VARCHAR(255) NOT NULL,
  messageId VARCHAR(255) NOT NULL,
  createdAt TIMESTAMP NOT NULL,
  PRIMARY KEY (processorName, messageId)
);
