package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key ring: current key first, previous keys only to decrypt; read from a key file or LUJING_KEY. */
class KeyRingTests {

    static final String ID = "430104198503120571";

    final byte[] oldKey = key();
    final byte[] newKey = key();

    @TempDir
    Path dir;

    @Test
    void encryptsUnderTheCurrentKeyAndDecryptsUnderWhicheverKeyAValueNames() {
        String underOld = new IdentityCipher(oldKey).encrypt(IdentityKeys.ID_NUMBER, ID);
        KeyRing ring = new KeyRing(List.of(newKey, oldKey), null);

        String underNew = ring.current().encrypt(IdentityKeys.ID_NUMBER, ID);

        assertThat(underNew).startsWith(new IdentityCipher(newKey).keyId() + ":");
        assertThat(ring.decrypt(IdentityKeys.ID_NUMBER, underOld)).isEqualTo(ID);
        assertThat(ring.decrypt(IdentityKeys.ID_NUMBER, underNew)).isEqualTo(ID);
        assertThat(ring.current().blindIndex(IdentityKeys.ID_NUMBER, ID))
                .isEqualTo(new IdentityCipher(newKey).blindIndex(IdentityKeys.ID_NUMBER, ID));
    }

    @Test
    void aValueUnderAKeyTheRingDoesNotHoldIsRefusedNamingBothKeyIds() {
        KeyRing ring = new KeyRing(List.of(newKey), null);
        String underOld = new IdentityCipher(oldKey).encrypt(IdentityKeys.PHONE, "13807311024");

        assertThatThrownBy(() -> ring.decrypt(IdentityKeys.PHONE, underOld))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining(new IdentityCipher(oldKey).keyId())
                .hasMessageContaining(ring.current().keyId())
                .hasMessageNotContaining("13807311024");
    }

    @Test
    void lujingKeyMayHoldSeveralKeysCurrentFirst() {
        String env = " " + b64(newKey) + " , " + b64(oldKey) + " ";

        List<byte[]> keys = KeyConfiguration.parse(env, "LUJING_KEY");

        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).isEqualTo(newKey);
        assertThat(keys.get(1)).isEqualTo(oldKey);
    }

    @Test
    void theKeyFileHoldsOneKeyALineAndIsRewrittenPrivately() throws Exception {
        Path keyFile = dir.resolve("keys/lujing.key");
        byte[] created = KeyConfiguration.loadOrCreate(keyFile);
        KeyRing ring = new KeyRing(KeyConfiguration.readAll(keyFile), keyFile);

        ring.replace(List.of(newKey, created));

        assertThat(Files.readAllLines(keyFile)).containsExactly(b64(newKey), b64(created));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(KeyConfiguration.loadOrCreate(keyFile)).isEqualTo(newKey);
        assertThat(ring.keyIds())
                .containsExactly(new IdentityCipher(newKey).keyId(), new IdentityCipher(created).keyId());
        try (var left = Files.list(keyFile.getParent())) {
            assertThat(left).containsExactly(keyFile);
        }
    }

    @Test
    void aRingFromLujingKeyIsNeverWrittenToDisk() {
        KeyRing ring = new KeyRing(List.of(oldKey), null);

        assertThat(ring.keyFile()).isEmpty();
        assertThatThrownBy(() -> ring.replace(List.of(newKey))).hasMessageContaining("LUJING_KEY");
    }

    @Test
    void anEmptyKeyFileIsRefusedWithItsName() {
        assertThatThrownBy(() -> KeyConfiguration.parse("\n# no key\n", "keys/lujing.key"))
                .hasMessageContaining("keys/lujing.key")
                .hasMessageContaining("no key");
    }

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private static String b64(byte[] k) {
        return Base64.getEncoder().encodeToString(k);
    }
}
