package org.lujing.read;

/** The file cannot be read at all: it goes to quarantine whole with this outcome and message. */
public class UnreadableFileException extends RuntimeException {

    private final FileOutcome outcome;

    public UnreadableFileException(FileOutcome outcome, String message) {
        this(outcome, message, null);
    }

    public UnreadableFileException(FileOutcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public FileOutcome outcome() {
        return outcome;
    }
}
