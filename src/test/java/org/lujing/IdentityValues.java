package org.lujing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * The ID numbers and phones that appear in partner files, found independently of the product's readers, and a
 * scanner that looks for any of them in clear anywhere else.
 */
public final class IdentityValues {

    private static final Pattern ID_RUN = Pattern.compile("[0-9]{14,17}[0-9Xx]");
    private static final Pattern PHONE_RUN = Pattern.compile("1[3-9][0-9]{9}");

    private final Set<String> needles;

    private IdentityValues(Set<String> needles) {
        this.needles = needles;
    }

    public Set<String> needles() {
        return needles;
    }

    /** Every identity value in the files under a folder (CSV, JSON and spreadsheets). */
    public static IdentityValues in(Path folder) {
        Set<String> needles = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String text : texts(f)) {
                    collect(text, needles);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IdentityValues(needles);
    }

    public static IdentityValues of(String... values) {
        Set<String> needles = new LinkedHashSet<>();
        for (String v : values) {
            collect(v, needles);
        }
        return new IdentityValues(needles);
    }

    static void collect(String text, Set<String> needles) {
        String squeezed = squeeze(text);
        Matcher m = ID_RUN.matcher(squeezed);
        while (m.find()) {
            String id = m.group().toUpperCase();
            needles.add(id.length() >= 17 ? id.substring(0, 17) : id);
        }
        Matcher p = PHONE_RUN.matcher(squeezed);
        while (p.find()) {
            needles.add(p.group());
        }
    }

    /** Folds full-width digits and drops spaces and hyphens, the way a leak might be spelled. */
    static String squeeze(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= '０' && c <= '９') {
                b.append((char) (c - '０' + '0'));
            } else if (c == 'ｘ' || c == 'Ｘ') {
                b.append('X');
            } else if (!Character.isWhitespace(c) && c != '-' && c != '\u00a0' && c != '\u3000') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Values found in a text: each needle that occurs in it. */
    public List<String> foundIn(String text) {
        List<String> hits = new ArrayList<>();
        if (text == null) {
            return hits;
        }
        String squeezed = squeeze(text).toUpperCase();
        for (String n : needles) {
            if (squeezed.contains(n)) {
                hits.add(n);
            }
        }
        return hits;
    }

    private static List<String> texts(Path f) throws IOException {
        String name = f.getFileName().toString().toLowerCase();
        if (name.endsWith(".xlsx") || name.endsWith(".xls") || name.endsWith(".xlsm")) {
            List<String> out = new ArrayList<>();
            DataFormatter fmt = new DataFormatter();
            try (InputStream in = Files.newInputStream(f);
                    Workbook wb = WorkbookFactory.create(in)) {
                for (Sheet sheet : wb) {
                    for (Row row : sheet) {
                        for (Cell cell : row) {
                            out.add(fmt.formatCellValue(cell));
                        }
                    }
                }
            } catch (RuntimeException | IOException notAWorkbook) {
                // a damaged workbook is scanned part by part (its compressed bytes would never match anything)
                out.addAll(rawTexts(f));
            }
            out.add(f.getFileName().toString());
            return out;
        }
        return List.of(
                Files.readString(f, StandardCharsets.UTF_8), f.getFileName().toString());
    }

    /**
     * The text a file holds, however it is stored: each part of a zip container (an .xlsx, even one POI cannot open)
     * uncompressed, else the bytes themselves; both read as UTF-8 and as ISO-8859-1, so that a value is found in any
     * encoding a writer may have used.
     */
    public static List<String> rawTexts(Path f) throws IOException {
        List<String> out = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(f);
        if (bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K') {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    byte[] part = zip.readAllBytes();
                    out.add(new String(part, StandardCharsets.UTF_8));
                    out.add(new String(part, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException damaged) {
                // what could be uncompressed was added; the raw bytes below cover the rest
            }
        }
        out.add(new String(bytes, StandardCharsets.UTF_8));
        out.add(new String(bytes, StandardCharsets.ISO_8859_1));
        return out;
    }
}
