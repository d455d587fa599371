package org.lujing.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts identity values (AES-256-GCM, random 96-bit nonce, the column's name as associated data) and computes
 * their blind index (HMAC-SHA-256). Both keys are derived from one 32-byte master key, so a single secret is kept.
 * Ciphertext is {@code <keyId>:<base64(nonce|ciphertext|tag)>}; the key id lets a rotation find what it has not
 * yet re-encrypted.
 */
public final class IdentityCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public IdentityCipher(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the Lujing key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.encryptionKey = new SecretKeySpec(derive(masterKey, "lujing/aes-gcm/v1"), "AES");
        this.indexKey = new SecretKeySpec(derive(masterKey, "lujing/blind-index/v1"), "HmacSHA256");
        this.keyId = HexFormat.of().formatHex(derive(masterKey, "lujing/key-id/v1"), 0, 4);
    }

    /** A short public fingerprint of the key, stored with each ciphertext. */
    public String keyId() {
        return keyId;
    }

    public String encrypt(String column, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + ct.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(ct, 0, out, NONCE_BYTES, ct.length);
            return keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public String decrypt(String column, String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        if (colon < 0 || !stored.substring(0, colon).equals(keyId)) {
            throw new WrongKeyException(stored.substring(0, Math.max(colon, 0)), keyId);
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] pt = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(pt, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WrongKeyException(keyId, keyId);
        }
    }

    /** The blind index: equal values give equal indexes under one key; the value cannot be read back. */
    public String blindIndex(String column, String value) {
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            mac.update(column.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] derive(byte[] master, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
