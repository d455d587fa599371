package org.lujing.identity;

/** A key rotation was started and not finished: nothing may be written until it is. */
public class KeyRotationUnfinishedException extends IllegalStateException {

    public KeyRotationUnfinishedException(String oldKeyId, String newKeyId) {
        super("从密钥 " + oldKeyId + " 到密钥 " + newKeyId + " 的轮换尚未完成：请运行 `keys rotate` 完成它（会从中断处继续），然后再入库"
                + " ‖ a key rotation from key " + oldKeyId + " to key " + newKeyId
                + " is unfinished: run `keys rotate` to"
                + " finish it (it resumes where it stopped), then ingest again");
    }
}
