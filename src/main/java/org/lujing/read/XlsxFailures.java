package org.lujing.read;

import java.io.File;
import java.util.Locale;
import org.apache.poi.EmptyFileException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.ODFNotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.xssf.XLSBUnsupportedException;

/**
 * Turns what POI (or the XML parser under it) throws while a workbook is opened or read into a typed, quarantinable
 * outcome. The whole cause chain is inspected: a zip-bomb refusal surfaces lazily, as an IOException wrapped in an
 * XMLStreamException or POIXMLException, when a sheet's stream is first read.
 */
final class XlsxFailures {

    private XlsxFailures() {}

    static UnreadableFileException classify(File file, Throwable e) {
        return classify(file, e, null);
    }

    /** As {@link #classify(File, Throwable)}; {@code where} (such as "sheet 'x' after row 7") locates plain damage. */
    static UnreadableFileException classify(File file, Throwable e, String where) {
        if (e instanceof UnreadableFileException u) {
            return u;
        }
        String name = file.getName();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            UnreadableFileException known = classifyOne(name, t, e);
            if (known != null) {
                return known;
            }
        }
        String msg = firstLine(e.getMessage());
        if (e instanceof NotOfficeXmlFileException) {
            return new UnreadableFileException(
                    FileOutcome.FILE_CORRUPT, name + " 不是可读的 .xlsx 文件 / is not a readable .xlsx: " + msg, e);
        }
        return new UnreadableFileException(
                FileOutcome.FILE_CORRUPT,
                name
                        + " 已损坏，无法作为 .xlsx 读取 / cannot be read as an .xlsx workbook"
                        + (where == null ? "" : ", " + where)
                        + " (" + e.getClass().getSimpleName() + ": " + msg + ")",
                e);
    }

    private static UnreadableFileException classifyOne(String name, Throwable t, Throwable top) {
        if (t instanceof UnreadableFileException u) {
            return u;
        }
        if (t instanceof OLE2NotOfficeXmlFileException || t instanceof EncryptedDocumentException) {
            return new UnreadableFileException(
                    FileOutcome.FILE_ENCRYPTED,
                    name
                            + " 有打开密码，无法读取；请去掉密码后另存为 .xlsx 再提交 / is password-protected: remove the password and save it as .xlsx",
                    top);
        }
        if (t instanceof ODFNotOfficeXmlFileException) {
            return new UnreadableFileException(
                    FileOutcome.FILE_UNSUPPORTED,
                    name
                            + " 是 OpenDocument 表格；请用 Excel 或 WPS 另存为 .xlsx / is an OpenDocument spreadsheet: save it as .xlsx",
                    top);
        }
        if (t instanceof XLSBUnsupportedException) {
            return new UnreadableFileException(
                    FileOutcome.FILE_UNSUPPORTED,
                    name + " 是 Excel 二进制工作簿 (.xlsb)；请另存为 .xlsx / is a binary workbook (.xlsb): save it as .xlsx",
                    top);
        }
        if (String.valueOf(t.getMessage()).contains("Strict OOXML")) {
            return new UnreadableFileException(
                    FileOutcome.FILE_UNSUPPORTED,
                    name
                            + " 是“Strict Open XML”格式；请用 Excel 另存为普通的“Excel 工作簿 (.xlsx)” / is a Strict Open XML workbook:"
                            + " save it as an ordinary Excel Workbook (.xlsx)",
                    top);
        }
        if (t instanceof EmptyFileException) {
            return new UnreadableFileException(FileOutcome.FILE_CORRUPT, name + " 是空文件 / is empty", top);
        }
        String msg = String.valueOf(t.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("more internal file entries")) {
            return new UnreadableFileException(
                    FileOutcome.FILE_UNSAFE,
                    name + " 内部的部件超过 " + PartnerFileReaders.MAX_ZIP_ENTRIES
                            + " 个（工作表过多，或不是 Excel 写出的文件），已拒绝；请把工作簿拆成几个文件再提交 / holds more than "
                            + PartnerFileReaders.MAX_ZIP_ENTRIES
                            + " parts (too many sheets, or not written by Excel): split the workbook into smaller files",
                    top);
        }
        if (lower.contains("zip bomb")
                || lower.contains("exceeds the max")
                || lower.contains("potentially malicious")) {
            return new UnreadableFileException(
                    FileOutcome.FILE_UNSAFE,
                    name
                            + " 解压后远大于文件本身（疑似压缩炸弹），已拒绝 / unpacks to far more than it holds (a zip bomb): "
                            + firstLine(msg),
                    top);
        }
        if (lower.contains(" limit (") && lower.contains("exceeded")) {
            // the parser's own bounds (XmlParts): a text, an attribute or a nesting no spreadsheet writer makes
            return new UnreadableFileException(
                    FileOutcome.FILE_UNSAFE,
                    name + " 中有一段 XML（文字、属性或嵌套）超过读取上限，已拒收 / holds XML beyond the " + ReadLimits.MARK + ": "
                            + firstLine(msg),
                    top);
        }
        if (lower.contains("doctype")
                || lower.contains("entity expansion")
                || lower.contains("entityexpansion")
                || lower.contains("jaxp0001")) {
            return new UnreadableFileException(
                    FileOutcome.FILE_UNSAFE,
                    name
                            + " 含有 XML 实体声明（DOCTYPE），Excel 不会写出这种内容，已拒绝 / declares XML entities (DOCTYPE), which Excel never writes: "
                            + firstLine(msg),
                    top);
        }
        return null;
    }

    static UnreadableFileException unsafeDoctype(File file, String part) {
        return new UnreadableFileException(
                FileOutcome.FILE_UNSAFE,
                file.getName() + " 的 " + part
                        + " 含有 XML 实体声明（DOCTYPE），Excel 不会写出这种内容，已拒绝 / " + part
                        + " declares XML entities (DOCTYPE), which Excel never writes");
    }

    private static String firstLine(String msg) {
        if (msg == null) {
            return "";
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
