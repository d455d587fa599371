package org.lujing.report.delivery;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * What the report-delivery routes may take from {@code reports/}: real files and folders inside it. A symbolic link
 * — to a file or a folder, inside or out — is never followed, and nothing whose real path lies outside
 * {@code reports/} is delivered: whoever can write a link into {@code reports/} must not be able to have any file the
 * service can read copied to the outbox or mailed.
 */
public final class ReportFilesOnly implements GenericFileFilter<File> {

    private final Path reports;

    public ReportFilesOnly(Path reports) {
        this.reports = reports;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        return accept(Path.of(file.getAbsoluteFilePath()));
    }

    boolean accept(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                return false;
            }
            Path root = reports.toRealPath();
            return path.toRealPath(LinkOption.NOFOLLOW_LINKS).startsWith(root)
                    && path.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }
}
