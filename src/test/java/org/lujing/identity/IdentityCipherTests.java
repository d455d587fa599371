package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** AES-GCM for identity values, HMAC blind index for matching: properties the ledger relies on. */
class IdentityCipherTests {

    static final String ID = "11010519491231002X";

    final IdentityCipher cipher = new IdentityCipher(key());

    @Test
    void encryptsWithAFreshNonceAndDecryptsBack() {
        String a = cipher.encrypt("id_number", ID);
        String b = cipher.encrypt("id_number", ID);

        assertThat(a).isNotEqualTo(b).doesNotContain(ID).doesNotContain(ID.substring(0, 10));
        assertThat(a).startsWith(cipher.keyId() + ":");
        assertThat(cipher.decrypt("id_number", a)).isEqualTo(ID);
    }

    @Test
    void aCiphertextIsBoundToItsColumn() {
        String phoneSlot = cipher.encrypt("phone", ID);

        assertThatThrownBy(() -> cipher.decrypt("id_number", phoneSlot)).isInstanceOf(WrongKeyException.class);
    }

    @Test
    void theBlindIndexIsStableUnderOneKeyAndDiffersUnderAnother() {
        IdentityCipher other = new IdentityCipher(key());

        assertThat(cipher.blindIndex("id_number", ID))
                .isEqualTo(cipher.blindIndex("id_number", ID))
                .hasSize(64);
        assertThat(cipher.blindIndex("id_number", ID)).isNotEqualTo(other.blindIndex("id_number", ID));
        assertThat(cipher.blindIndex("id_number", ID)).isNotEqualTo(cipher.blindIndex("phone", ID));
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String stored = cipher.encrypt("id_number", ID);
        IdentityCipher other = new IdentityCipher(key());

        assertThatThrownBy(() -> other.decrypt("id_number", stored))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("LUJING_KEY")
                .hasMessageNotContaining(ID);
    }

    @Test
    void tamperingIsDetected() {
        String stored = cipher.encrypt("id_number", ID);
        char last = stored.charAt(stored.length() - 2);
        String tampered = stored.substring(0, stored.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + stored.charAt(stored.length() - 1);

        assertThatThrownBy(() -> cipher.decrypt("id_number", tampered)).isInstanceOf(WrongKeyException.class);
    }

    @Test
    void aKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new IdentityCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }
}
