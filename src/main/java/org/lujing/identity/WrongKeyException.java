package org.lujing.identity;

/** A stored value was encrypted under another key than the one configured, or was tampered with. */
public class WrongKeyException extends RuntimeException {

    public WrongKeyException(String storedKeyId, String currentKeyId) {
        super("已存储的数据是用密钥 " + storedKeyId + " 加密的，而配置的密钥是 " + currentKeyId
                + "：请把 LUJING_KEY 或 lujing.key-file 设为写入这些数据时用的密钥（要换成新密钥，先把两把都配上——新的在前，"
                + "用逗号隔开——再运行 `keys rotate`）。在此之前不会写入任何数据。"
                + org.lujing.ledger.Bilingual.SEPARATOR
                + "a protected value cannot be decrypted with the configured key (value key id '" + storedKeyId
                + "', configured key id '" + currentKeyId
                + "'): set LUJING_KEY or lujing.key-file to the key the data was written with (to move to a new key,"
                + " configure both, the new one first, comma-separated, and run `keys rotate`). Nothing is written"
                + " until then.");
    }
}
