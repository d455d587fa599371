package org.lujing.identity;

/** A stored value was encrypted under another key than the one configured, or was tampered with. */
public class WrongKeyException extends RuntimeException {

    public WrongKeyException(String storedKeyId, String currentKeyId) {
        super("a protected value cannot be decrypted with the configured key (value key id '" + storedKeyId
                + "', configured key id '" + currentKeyId
                + "'): set LUJING_KEY or lujing.key-file to the key the data was written with");
    }
}
