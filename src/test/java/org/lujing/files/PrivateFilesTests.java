package org.lujing.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTests {

    @TempDir
    Path dir;

    @Test
    void aWriteReplacesTheFileWholeAndPrivately() throws IOException {
        Path target = dir.resolve("report.json");
        Files.writeString(target, "old");
        PrivateFiles.writeString(target, "新的内容");
        assertThat(Files.readString(target)).isEqualTo("新的内容");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
        assertThat(siblings()).containsExactly("report.json");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("users.yml");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> PrivateFiles.write(target, out -> {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(siblings()).containsExactly("users.yml");
    }

    @Test
    void writeNewNeverReplacesAFileSomeoneElseCreatedFirst() throws IOException {
        Path target = dir.resolve("lujing.key");
        assertThat(PrivateFiles.writeNew(target, out -> out.write('a'))).isTrue();
        assertThat(PrivateFiles.writeNew(target, out -> out.write('b'))).isFalse();
        assertThat(Files.readString(target)).isEqualTo("a");
        assertThat(siblings()).containsExactly("lujing.key");
    }

    @Test
    void newFoldersAreReadableByTheServiceUserOnly() throws IOException {
        Path deep = dir.resolve("archive/2025/community");
        PrivateFiles.createPrivateDirectories(deep);
        for (Path p : new Path[] {dir.resolve("archive"), dir.resolve("archive/2025"), deep}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .as(p.toString())
                    .isEqualTo("rwx------");
        }
    }

    private java.util.List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
