package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A first run without a key creates one readable by the service user only; later runs read the same key. */
class KeyConfigurationTests {

    @TempDir
    Path dir;

    @Test
    void createsAPrivateKeyFileOnceAndReadsItAfterwards() throws Exception {
        Path keyFile = dir.resolve("keys/lujing.key");

        byte[] first = KeyConfiguration.loadOrCreate(keyFile);
        byte[] second = KeyConfiguration.loadOrCreate(keyFile);

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedWithItsSource() {
        assertThatThrownBy(() -> KeyConfiguration.decode("c2hvcnQ=", "LUJING_KEY"))
                .hasMessageContaining("LUJING_KEY")
                .hasMessageContaining("32 bytes");
    }
}
