package org.lujing.bench;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The lean hand-written ingest the benchmark holds Lujing against: no Spring, no framework. Streams one sheet
 * (xlsx: {@code XSSFReader} + SAX from a File with read-only shared strings; csv: a BufferedReader), checks the ID
 * number's GB 11643 check digit, blind-indexes it with HMAC-SHA-256, looks it up in a HashMap of the roster's blind
 * indexes, maps the activity word to its category, drops repeated identities (subject, category, date, agency) within
 * the file, and writes each accepted row with its provenance (file, sheet, row) into one table with the ledger's
 * identity constraint: JDBC batches of 5,000 with a commit each, or with {@code --copy} (PostgreSQL) one
 * {@code COPY ... (FORMAT binary)} per batch. Rejected rows are only counted.
 *
 * <p>{@code LeanIngest --file F --roster R --url JDBC [--user U] [--password P] [--copy] [--batch N]}. Prints one
 * line {@code LEAN read=.. accepted=.. merged=.. rejected=.. skipped=.. inserted=.. load_ms=.. roster_ms=..
 * setup_ms=..}: load_ms is the ingest proper (first byte read to last commit), without JVM start, connection,
 * table creation or the roster.
 */
public final class LeanIngest {

    private static final Map<String, String> VOCABULARY = vocabulary();
    private static final Map<String, Integer> CATEGORY_NO = new HashMap<>();

    static {
        for (String c : VOCABULARY.values()) {
            CATEGORY_NO.putIfAbsent(c, CATEGORY_NO.size());
        }
    }

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);

    private final Mac mac;
    private final Map<String, Integer> roster = new HashMap<>();
    private final Map<String, Integer> unmatched = new HashMap<>();
    private final Map<String, Integer> agencies = new HashMap<>();
    private final LongSet identities = new LongSet(1 << 16);
    private final HexFormat hex = HexFormat.of();
    private final Sink sink;
    private final String fileName;
    int read, accepted, merged, rejected, skipped;

    LeanIngest(Sink sink, String fileName) throws GeneralSecurityException {
        this.sink = sink;
        this.fileName = fileName;
        mac = Mac.getInstance("HmacSHA256");
        byte[] key = new byte[32];
        new java.util.Random(42).nextBytes(key); // a fixed bench key; Lujing's comes from its key ring
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--copy")) {
                a.put("copy", "true");
            } else {
                a.put(args[i].substring(2), args[++i]);
            }
        }
        Path file = Path.of(a.get("file"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "5000"));
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(
                a.get("url"), a.getOrDefault("user", "SA"), a.getOrDefault("password", ""))) {
            boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            createTable(c, pg);
            c.setAutoCommit(false);
            Sink sink = a.containsKey("copy") ? new CopySink(c, batch) : new JdbcSink(c, batch);
            LeanIngest ingest = new LeanIngest(sink, file.getFileName().toString());
            long t1 = System.nanoTime();
            ingest.loadRoster(Path.of(a.get("roster")));
            long t2 = System.nanoTime();
            if (file.toString().endsWith(".csv")) {
                ingest.readCsv(file);
            } else {
                ingest.readXlsx(file);
            }
            sink.flush();
            long t3 = System.nanoTime();
            long inserted;
            try (Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*) FROM lean_record")) {
                rs.next();
                inserted = rs.getLong(1);
            }
            c.commit();
            System.out.printf(
                    "LEAN read=%d accepted=%d merged=%d rejected=%d skipped=%d inserted=%d load_ms=%d "
                            + "roster_ms=%d setup_ms=%d%n",
                    ingest.read,
                    ingest.accepted,
                    ingest.merged,
                    ingest.rejected,
                    ingest.skipped,
                    inserted,
                    (t3 - t2) / 1_000_000,
                    (t2 - t1) / 1_000_000,
                    (t1 - t0) / 1_000_000);
        }
    }

    static void createTable(Connection c, boolean pg) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS lean_record");
            // the ledger's identity constraint and a generated key, as support_record has (V4__ledger.sql)
            s.execute("CREATE " + (pg ? "" : "CACHED ") + "TABLE lean_record ("
                    + "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                    + "subject_key CHAR(64) NOT NULL, subject_id BIGINT, person_name VARCHAR(100), "
                    + "id_masked VARCHAR(32), category VARCHAR(32) NOT NULL, activity_date DATE NOT NULL, "
                    + "agency VARCHAR(200) NOT NULL, activity_name VARCHAR(500), hours "
                    + (pg ? "DOUBLE PRECISION" : "DOUBLE") + ", quantity " + (pg ? "DOUBLE PRECISION" : "DOUBLE")
                    + " NOT NULL, file_name VARCHAR(500) NOT NULL, sheet VARCHAR(200) NOT NULL, row_no INTEGER NOT NULL, "
                    + "CONSTRAINT lean_record_identity UNIQUE (subject_key, category, activity_date, agency))");
        }
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    /** The roster's blind indexes: one HashMap entry per person (ID number in column 身份证号码). */
    void loadRoster(Path file) throws Exception {
        int[] idCol = {-1};
        int[] next = {1};
        xlsxRows(file, cells -> {
            if (idCol[0] < 0) {
                idCol[0] = indexOf(cells, "身份证号码");
                return;
            }
            String id = normaliseId(cell(cells, idCol[0]));
            if (id != null) {
                roster.putIfAbsent(blindIndex(id), next[0]++);
            }
        });
    }

    void readXlsx(Path file) throws Exception {
        Header h = new Header();
        xlsxRows(file, cells -> {
            if (!h.found) {
                h.find(cells);
                return;
            }
            row("台账", cells, h);
        });
    }

    void readCsv(Path file) throws Exception {
        Header h = new Header();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            List<String> cells = new ArrayList<>(16);
            while ((line = in.readLine()) != null) {
                cells.clear();
                int from = 0;
                for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', from)) {
                    cells.add(line.substring(from, i));
                    from = i + 1;
                }
                cells.add(line.substring(from));
                if (!h.found) {
                    h.find(cells);
                    continue;
                }
                row(file.getFileName().toString(), cells, h);
            }
        }
    }

    static final class Header {
        boolean found;
        int no, date, name, id, category, activity, agency, hours;

        void find(List<String> cells) {
            id = indexOf(cells, "身份证号");
            if (id < 0) {
                return;
            }
            found = true;
            no = indexOf(cells, "序号");
            date = indexOf(cells, "日期");
            name = indexOf(cells, "姓名");
            category = indexOf(cells, "活动类型");
            activity = indexOf(cells, "活动名称");
            agency = indexOf(cells, "合作单位");
            hours = indexOf(cells, "时长（小时）");
        }
    }

    private int rowNo;

    void row(String sheet, List<String> cells, Header h) {
        rowNo++;
        read++;
        boolean blank = true;
        for (String c : cells) {
            if (c != null && !c.isBlank()) {
                blank = false;
                break;
            }
        }
        if (blank) {
            skipped++;
            return;
        }
        String id = normaliseId(cell(cells, h.id));
        String category = VOCABULARY.get(fold(cell(cells, h.category)));
        LocalDate date = date(cell(cells, h.date));
        String name = cell(cells, h.name);
        String agency = cell(cells, h.agency);
        if (id == null || category == null || date == null || name == null || name.isBlank() || agency == null) {
            rejected++;
            return;
        }
        name = name.strip();
        agency = agency.strip();
        String key = blindIndex(id);
        Integer subject = roster.get(key);
        int who = subject != null ? subject : -unmatched.computeIfAbsent(key, k -> unmatched.size() + 1);
        int agencyNo = agencies.computeIfAbsent(agency, k -> agencies.size());
        long identity = (((long) (who + (1 << 22)) << 40)
                | ((long) CATEGORY_NO.get(category) << 32)
                | (date.toEpochDay() & 0xFFFFF) << 12
                | (agencyNo & 0xFFF));
        if (!identities.add(identity)) {
            merged++;
            return;
        }
        String hours = cell(cells, h.hours);
        accepted++;
        sink.add(new Rec(
                key,
                subject,
                name,
                id.substring(0, 4) + "************" + id.substring(16),
                category,
                date,
                agency,
                cell(cells, h.activity),
                hours == null || hours.isBlank() ? null : Double.valueOf(hours),
                fileName,
                sheet,
                rowNo));
    }

    static String cell(List<String> cells, int i) {
        return i >= 0 && i < cells.size() ? cells.get(i) : null;
    }

    static int indexOf(List<String> cells, String header) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) != null && header.equals(cells.get(i).strip())) {
                return i;
            }
        }
        return -1;
    }

    static String fold(String s) {
        return s == null ? null : s.strip();
    }

    /** 18 characters, 17 digits and a check character that passes ISO 7064 MOD 11-2; else null. */
    static String normaliseId(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip().replace(" ", "").replace("-", "").toUpperCase();
        if (s.length() != 18) {
            return null;
        }
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            sum += (c - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11) == s.charAt(17) ? s : null;
    }

    String blindIndex(String id) {
        return hex.formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
    }

    /** An xlsx date serial (the cell's raw value), or yyyy-MM-dd text. */
    static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            if (s.length() == 10 && s.charAt(4) == '-') {
                return LocalDate.parse(s);
            }
            return EXCEL_EPOCH.plusDays((long) Double.parseDouble(s));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Each row of the first sheet as its cells' raw text (shared strings resolved), gaps as null. */
    static void xlsxRows(Path file, Consumer<List<String>> rows) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(new File(file.toString()), PackageAccess.READ)) {
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader reader = new XSSFReader(pkg);
            try (InputStream sheet = reader.getSheetsData().next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new SheetHandler(strings, rows));
                xml.parse(new InputSource(sheet));
            }
        }
    }

    /** SAX over sheetN.xml: {@code <row><c r="B3" t="s"><v>12</v></c>...}. */
    static final class SheetHandler extends DefaultHandler {
        private final ReadOnlySharedStringsTable strings;
        private final Consumer<List<String>> rows;
        private final List<String> cells = new ArrayList<>(16);
        private final StringBuilder text = new StringBuilder();
        private boolean inValue;
        private String type;
        private int col;

        SheetHandler(ReadOnlySharedStringsTable strings, Consumer<List<String>> rows) {
            this.strings = strings;
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            switch (localName) {
                case "row" -> cells.clear();
                case "c" -> {
                    type = atts.getValue("t");
                    String ref = atts.getValue("r");
                    col = 0;
                    for (int i = 0; i < ref.length() && ref.charAt(i) >= 'A'; i++) {
                        col = col * 26 + (ref.charAt(i) - 'A' + 1);
                    }
                    col--;
                    text.setLength(0);
                }
                case "v", "t" -> inValue = true;
                default -> {}
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "c" -> {
                    while (cells.size() < col) {
                        cells.add(null);
                    }
                    String v = text.toString();
                    cells.add(
                            "s".equals(type)
                                    ? strings.getItemAt(Integer.parseInt(v)).getString()
                                    : v);
                }
                case "row" -> rows.accept(cells);
                default -> {}
            }
        }
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    record Rec(
            String key,
            Integer subject,
            String name,
            String masked,
            String category,
            LocalDate date,
            String agency,
            String activity,
            Double hours,
            String file,
            String sheet,
            int row) {}

    interface Sink {
        void add(Rec r);

        void flush();
    }

    /** PreparedStatement batches, one commit per batch. */
    static final class JdbcSink implements Sink {
        private final Connection c;
        private final PreparedStatement insert;
        private final int batch;
        private int pending;

        JdbcSink(Connection c, int batch) throws SQLException {
            this.c = c;
            this.batch = batch;
            insert = c.prepareStatement("INSERT INTO lean_record (subject_key, subject_id, person_name, id_masked, "
                    + "category, activity_date, agency, activity_name, hours, quantity, file_name, sheet, row_no) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        @Override
        public void add(Rec r) {
            try {
                insert.setString(1, r.key());
                if (r.subject() == null) {
                    insert.setNull(2, Types.BIGINT);
                } else {
                    insert.setLong(2, r.subject());
                }
                insert.setString(3, r.name());
                insert.setString(4, r.masked());
                insert.setString(5, r.category());
                insert.setObject(6, r.date());
                insert.setString(7, r.agency());
                insert.setString(8, r.activity());
                if (r.hours() == null) {
                    insert.setNull(9, Types.DOUBLE);
                } else {
                    insert.setDouble(9, r.hours());
                }
                insert.setDouble(10, 1);
                insert.setString(11, r.file());
                insert.setString(12, r.sheet());
                insert.setInt(13, r.row());
                insert.addBatch();
                if (++pending == batch) {
                    flush();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void flush() {
            try {
                if (pending > 0) {
                    insert.executeBatch();
                    c.commit();
                    pending = 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** PostgreSQL: each batch as one {@code COPY ... FROM STDIN (FORMAT binary)}, then a commit. */
    static final class CopySink implements Sink {
        private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
        private final Connection c;
        private final CopyManager copy;
        private final int batch;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        private final DataOutputStream out = new DataOutputStream(buffer);
        private int pending;

        CopySink(Connection c, int batch) throws SQLException {
            this.c = c;
            this.batch = batch;
            copy = c.unwrap(PGConnection.class).getCopyAPI();
        }

        @Override
        public void add(Rec r) {
            try {
                if (pending == 0) {
                    buffer.reset();
                    out.write(SIGNATURE);
                    out.writeInt(0);
                    out.writeInt(0);
                }
                out.writeShort(13);
                text(r.key());
                if (r.subject() == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(8);
                    out.writeLong(r.subject());
                }
                text(r.name());
                text(r.masked());
                text(r.category());
                out.writeInt(4);
                out.writeInt((int) (r.date().toEpochDay() - PG_EPOCH.toEpochDay()));
                text(r.agency());
                text(r.activity());
                if (r.hours() == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(8);
                    out.writeDouble(r.hours());
                }
                out.writeInt(8);
                out.writeDouble(1);
                text(r.file());
                text(r.sheet());
                out.writeInt(4);
                out.writeInt(r.row());
                if (++pending == batch) {
                    flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void text(String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        @Override
        public void flush() {
            try {
                if (pending > 0) {
                    out.writeShort(-1);
                    copy.copyIn(
                            "COPY lean_record (subject_key, subject_id, person_name, id_masked, category, "
                                    + "activity_date, agency, activity_name, hours, quantity, file_name, sheet, row_no) "
                                    + "FROM STDIN (FORMAT binary)",
                            new ByteArrayInputStream(buffer.toByteArray()));
                    c.commit();
                    pending = 0;
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Open addressing set of longs (no boxing), for the identities seen in the file. */
    static final class LongSet {
        private long[] keys;
        private boolean[] used;
        private int size;

        LongSet(int capacity) {
            keys = new long[capacity];
            used = new boolean[capacity];
        }

        boolean add(long k) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = (int) (mix(k) & mask);
            while (used[i]) {
                if (keys[i] == k) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = k;
            size++;
            return true;
        }

        private void grow() {
            long[] oldKeys = keys;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    add(oldKeys[i]);
                }
            }
        }

        private static long mix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            return k;
        }
    }

    /** domain.md's words every source understands, plus the community and university sources' own. */
    static Map<String, String> vocabulary() {
        Map<String, String> v = new HashMap<>();
        String[][] t = {
            {"ASSESSMENT", "调查评估", "协助调查评估", "社会调查评估"},
            {"CORRECTION_GROUP", "矫正小组", "参加矫正小组"},
            {"CORRECTION_PLAN", "矫正方案", "个案矫正方案"},
            {"KEY_SUPPORT_PLAN", "重点帮扶方案", "重点帮扶"},
            {"STRUCTURED_INTERVIEW", "结构式访谈", "访谈", "半结构化访谈"},
            {"PSYCH_ASSESSMENT", "心理测量", "心理测评", "心理评估", "心理测量与评估"},
            {"PSYCH_COUNSELLING", "心理疏导", "心理咨询", "个体咨询"},
            {"GROUP_COUNSELLING", "团体辅导", "团辅", "团辅活动", "团体心理辅导"},
            {"LEGAL_EDUCATION", "普法活动", "普法", "趣味普法", "法治教育", "法律讲堂"},
            {"PUBLIC_WELFARE", "公益活动", "社区公益", "志愿服务", "义务劳动"},
            {"EDUCATION_SUPPORT", "教育帮扶", "帮扶教育"},
            {"MICRO_LESSON", "微课", "每周一微课", "在线微课"},
            {"GOOD_DEED", "周行一善", "周行一善打卡", "打卡"},
            {"HOME_VISIT", "实地走访", "走访", "家访"},
            {"JOB_FAIR", "招聘会", "专场招聘会", "春风送岗"},
            {"VOCATIONAL_TRAINING", "职业技能培训", "技能培训"},
            {"EMPLOYMENT", "就业", "入职", "就业安置", "帮助就业"},
            {"HARDSHIP_RELIEF", "帮助摆脱困境", "困难帮扶", "摆脱困境", "临时救助"},
            {"MATERIALS", "发放普法读物", "发放读物", "发放《图解社区矫正法》"},
        };
        for (String[] row : t) {
            for (int i = 1; i < row.length; i++) {
                v.put(row[i], row[0]);
            }
        }
        return v;
    }
}
