package org.lujing.read;

/** The file cannot be read at all: it goes to quarantine whole with this outcome and message. */
public class UnreadableFileException extends RuntimeException {

    private final FileOutcome outcome;

    public UnreadableFileException(FileOutcome outcome, String message) {
        this(outcome, message, null);
    }

    /**
     * @param message why, in Chinese then English; the readers' older {@code 中文 / English} is kept as
     *     {@code 中文 ‖ English}, so every screen, the CLI and the error report show the reader's own half
     */
    public UnreadableFileException(FileOutcome outcome, String message, Throwable cause) {
        super(org.lujing.ledger.Bilingual.fromSlashed(message), cause);
        this.outcome = outcome;
    }

    public FileOutcome outcome() {
        return outcome;
    }
}
