package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.apache.camel.component.file.GenericFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox takes out only the file it loaded, and takes only files that can be read to their end. A partner's copy
 * still being written lost every row after the moment it was taken, a file put in place of one being ingested was
 * deleted unread, and a named pipe held the whole inbox.
 */
class InboxFileTakenTests {

    @Test
    void anUnchangedFileIsTakenOutOfTheInbox(@TempDir Path inbox) throws IOException {
        Path file = Files.writeString(inbox.resolve("名单.csv"), "日期,姓名\n2025-03-01,周五\n");
        Object taken = InboxFiles.identity(file);

        assertThat(InboxFiles.removeIfUnchanged(file, taken)).isTrue();
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileStillBeingWrittenStaysToBeTakenAgain(@TempDir Path inbox) throws IOException {
        Path file = Files.writeString(inbox.resolve("慢慢复制.csv"), "日期,姓名\n2025-03-01,周五\n");
        Object taken = InboxFiles.identity(file);
        // the partner's copy goes on after a pause
        Files.writeString(file, "2025-03-02,周六\n", StandardOpenOption.APPEND);

        assertThat(InboxFiles.removeIfUnchanged(file, taken)).isFalse();
        assertThat(file).content().contains("2025-03-02,周六");
    }

    @Test
    void aFilePutInItsPlaceUnderTheSameNameStays(@TempDir Path inbox) throws IOException {
        Path file = Files.writeString(inbox.resolve("rep.csv"), "日期,姓名\n2025-03-01,周五\n");
        FileTime time = Files.getLastModifiedTime(file);
        Object taken = InboxFiles.identity(file);
        // another file of the same size and time is moved over it (another inode)
        Path other = Files.writeString(inbox.resolve(".other.tmp"), "日期,姓名\n2025-03-01,周日\n");
        Files.setLastModifiedTime(other, time);
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(InboxFiles.removeIfUnchanged(file, taken)).isFalse();
        assertThat(file).content().contains("周日");
    }

    @Test
    void aFileThatCannotBeTakenOutIsNotTakenAgainWhileUnchanged(@TempDir Path inbox) throws IOException {
        // a folder stands in for a file the inbox's owner does not let Lujing delete: its removal fails
        Path stuck = Files.createDirectories(inbox.resolve("stuck.csv"));
        Files.writeString(stuck.resolve("inside"), "x");
        Object taken = InboxFiles.identity(stuck);

        assertThat(InboxFiles.removeIfUnchanged(stuck, taken)).isFalse();

        // each take wrote another archive copy, every poll, until the disk was full
        assertThat(InboxFiles.loadedButKept(stuck)).isTrue();
        Path other = Files.writeString(inbox.resolve("other.csv"), "日期,姓名\n");
        assertThat(InboxFiles.loadedButKept(other)).isFalse();
        // changed, it is another file, and taken again
        Files.setLastModifiedTime(stuck, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(InboxFiles.loadedButKept(stuck)).isFalse();
    }

    @Test
    void onlyRegularFilesAreTaken(@TempDir Path inbox) throws Exception {
        InboxRegularFiles filter = new InboxRegularFiles();
        Path regular = Files.writeString(inbox.resolve("a.csv"), "x\n");
        Path linkToRegular = Files.createSymbolicLink(inbox.resolve("link.csv"), regular);
        Path dangling = Files.createSymbolicLink(inbox.resolve("dangling.csv"), inbox.resolve("nothing.csv"));
        Path device = Files.createSymbolicLink(inbox.resolve("zero.csv"), Path.of("/dev/zero"));
        Path pipe = inbox.resolve("pipe.csv");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor())
                .isZero();

        assertThat(filter.accept(entry(regular, false))).isTrue();
        assertThat(filter.accept(entry(linkToRegular, false))).isTrue();
        assertThat(filter.accept(entry(inbox, true)))
                .as("folders are looked into")
                .isTrue();
        assertThat(filter.accept(entry(pipe, false))).isFalse();
        assertThat(filter.accept(entry(device, false))).isFalse();
        assertThat(filter.accept(entry(dangling, false))).isFalse();
    }

    private static GenericFile<java.io.File> entry(Path path, boolean directory) {
        GenericFile<java.io.File> f = new GenericFile<>();
        f.setAbsoluteFilePath(path.toString());
        f.setFile(path.toFile());
        f.setDirectory(directory);
        return f;
    }
}
