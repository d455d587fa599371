package org.lujing.ledger;

import java.sql.SQLException;

/** A write to the ledger failed; the chunk's transaction rolls back and the job can be restarted. */
class LedgerWriteException extends RuntimeException {

    public LedgerWriteException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
