package org.lujing.identity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys Lujing holds: the current one, which encrypts and computes every blind index, and during a key rotation
 * the previous ones, kept only to decrypt what the rotation has not yet re-encrypted. Decryption picks the key by
 * the key id a ciphertext starts with. The keys come from {@code LUJING_KEY} (comma-separated, current first) or
 * the key file (one base64 key a line, current first); see {@link KeyConfiguration}.
 */
public final class KeyRing {

    private record Key(byte[] material, IdentityCipher cipher) {}

    private final Path keyFile;
    private volatile List<Key> keys;

    /** @param keyFile where the keys live, or null when they come from {@code LUJING_KEY} (which Lujing cannot rewrite) */
    KeyRing(List<byte[]> materials, Path keyFile) {
        this.keyFile = keyFile;
        this.keys = keys(materials);
    }

    /** The key everything new is encrypted and indexed under. */
    public IdentityCipher current() {
        return keys.get(0).cipher();
    }

    /** Key ids, current first. Public fingerprints, never key material. */
    public List<String> keyIds() {
        return keys.stream().map(k -> k.cipher().keyId()).toList();
    }

    /** Decrypts a stored value with whichever key of the ring it was encrypted under. */
    public String decrypt(String label, String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        String keyId = colon < 0 ? "" : stored.substring(0, colon);
        return cipher(keyId)
                .orElseThrow(() -> new WrongKeyException(keyId, String.join(",", keyIds())))
                .decrypt(label, stored);
    }

    Optional<IdentityCipher> cipher(String keyId) {
        return keys.stream()
                .map(Key::cipher)
                .filter(c -> c.keyId().equals(keyId))
                .findFirst();
    }

    /** The key file, or empty when the keys come from {@code LUJING_KEY}. */
    public Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    int size() {
        return keys.size();
    }

    List<byte[]> materials() {
        return keys.stream().map(k -> k.material().clone()).toList();
    }

    /**
     * Makes these keys the ring, current first: the key file is rewritten first (atomically, 0600), so that a crash
     * leaves the file and not the memory as the truth. Only for a ring read from a key file.
     */
    synchronized void replace(List<byte[]> materials) {
        if (keyFile == null) {
            throw new IllegalStateException("the keys come from LUJING_KEY, which Lujing cannot rewrite");
        }
        List<Key> next = keys(materials);
        KeyConfiguration.write(keyFile, materials);
        keys = next;
    }

    private static List<Key> keys(List<byte[]> materials) {
        if (materials.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs at least one key");
        }
        List<Key> out = new ArrayList<>();
        for (byte[] m : materials) {
            IdentityCipher cipher = new IdentityCipher(m);
            Optional<Key> sameId = out.stream()
                    .filter(k -> k.cipher().keyId().equals(cipher.keyId()))
                    .findFirst();
            if (sameId.isEmpty()) {
                out.add(new Key(m.clone(), cipher));
            } else if (!Arrays.equals(sameId.get().material(), m)) {
                // two keys sharing a 4-byte id would make decryption ambiguous; the same key twice is harmless
                throw new IllegalStateException(
                        "two different keys share the key id " + cipher.keyId() + ": generate another key");
            }
        }
        return List.copyOf(out);
    }
}
