package org.lujing.read;

/** What became of a file, in domain.md's words; the quarantine outcomes mean nothing of it reached the ledger. */
public enum FileOutcome {
    IN_PROGRESS(false),
    LOADED(false),
    LOADED_WITH_REJECTS(false),
    DUPLICATE_FILE(false),
    FILE_CORRUPT(true),
    FILE_ENCRYPTED(true),
    FILE_UNSAFE(true),
    FILE_TOO_LARGE(true),
    FILE_UNSUPPORTED(true),
    NO_TABLE_FOUND(true);

    private final boolean quarantined;

    FileOutcome(boolean quarantined) {
        this.quarantined = quarantined;
    }

    /** True when the file is refused whole and moved to quarantine/. */
    public boolean quarantined() {
        return quarantined;
    }
}
