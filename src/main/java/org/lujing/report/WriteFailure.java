package org.lujing.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A report that could not be written, said in both languages with its cause in words (a night's failed step shows it
 * on the dashboard and in {@code nightly}; each reader sees one language): "cannot write … : /path" told nobody that
 * a file stood where the report's folder goes.
 */
final class WriteFailure {

    private WriteFailure() {}

    static UncheckedIOException of(String whatZh, String whatEn, Path target, IOException e) {
        String[] cause = cause(e);
        return new UncheckedIOException(
                "无法写入" + whatZh + "（" + target + "）：" + cause[0] + ReportLanguage.BILINGUAL + "cannot write " + whatEn
                        + " (" + target + "): " + cause[1],
                e);
    }

    /** The cause in Chinese and in English. */
    private static String[] cause(IOException e) {
        String own = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = own.toLowerCase(Locale.ROOT);
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            String at = ((FileSystemException) e).getFile();
            return new String[] {
                "应为文件夹的位置上有一个同名文件（" + at + "），请移走或改名后重新运行",
                "a file stands where a folder belongs (" + at + "); move or rename it, then run again"
            };
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return new String[] {"没有写入权限：" + own, "permission denied: " + own};
        }
        if (lower.contains("no space left")) {
            return new String[] {"磁盘空间不足", "no space left on the disk"};
        }
        return new String[] {own, own};
    }
}
