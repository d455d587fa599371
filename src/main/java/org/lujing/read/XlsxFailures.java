package org.lujing.read;

import java.io.File;
import org.apache.poi.EmptyFileException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.ODFNotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.lujing.ledger.FileOutcome;

/** Turns what POI throws when a workbook cannot be opened into a typed, quarantinable outcome. */
final class XlsxFailures {

    private XlsxFailures() {}

    static UnreadableFileException classify(File file, Exception e) {
        if (e instanceof UnreadableFileException u) {
            return u;
        }
        String name = file.getName();
        if (e instanceof OLE2NotOfficeXmlFileException) {
            return new UnreadableFileException(FileOutcome.FILE_ENCRYPTED,
                    name + " is an OLE2 container, not a plain .xlsx: it is password-protected (or an old .xls renamed)", e);
        }
        if (e instanceof ODFNotOfficeXmlFileException) {
            return new UnreadableFileException(FileOutcome.FILE_UNSUPPORTED, name + " is an OpenDocument file", e);
        }
        if (e instanceof EmptyFileException) {
            return new UnreadableFileException(FileOutcome.FILE_CORRUPT, name + " is empty", e);
        }
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Zip bomb") || msg.contains("zip bomb") || msg.contains("exceeds the max")) {
            return new UnreadableFileException(FileOutcome.FILE_UNSAFE,
                    name + " unpacks to far more than it holds (a zip bomb): " + msg, e);
        }
        if (e instanceof NotOfficeXmlFileException) {
            return new UnreadableFileException(FileOutcome.FILE_CORRUPT, name + " is not a readable .xlsx: " + msg, e);
        }
        return new UnreadableFileException(FileOutcome.FILE_CORRUPT, name + " cannot be opened as a workbook: " + msg, e);
    }
}
