package org.lujing.identity;

/** A key rotation was started and not finished: nothing may be written until it is. */
public class KeyRotationUnfinishedException extends IllegalStateException {

    public KeyRotationUnfinishedException(String oldKeyId, String newKeyId) {
        super("a key rotation from key " + oldKeyId + " to key " + newKeyId + " is unfinished: run `keys rotate` to"
                + " finish it (it resumes where it stopped), then ingest again");
    }
}
