package org.lujing.sampledata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes the pilot year's (2025) sample partner files under {@code sample-data/<source>/} and
 * {@code sample-data/README.md}, deterministically (fixed seed, fixed dates, fixed zip timestamps).
 *
 * <p>Self-contained: it depends on no other project class. Before writing anything it re-counts the
 * rows it is about to write with a small independent implementation of the counting rules of
 * {@code /work/shared/domain.md} (header synonyms, vocabulary and agency directory are read from
 * {@code jobs/agencies.yaml} and {@code jobs/sources/*.yaml}) and fails if any pilot figure, any
 * row outcome or any per-file accounting differs from what the data was designed to produce.
 *
 * <p>Usage: {@code SampleDataGenerator [outputDir=sample-data] [jobsDir=jobs]}.
 */
public final class SampleDataGenerator {

    private SampleDataGenerator() {}

    // =====================================================================================
    // Identity numbers (GB 11643, ISO 7064 MOD 11-2)
    // =====================================================================================

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";

    static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    static String makeId(String area, LocalDate birth, int seq) {
        String s = area + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", seq);
        return s + checkChar(s);
    }

    // =====================================================================================
    // People
    // =====================================================================================

    record Person(
            int no,
            String name,
            String gender,
            String id,
            String phone,
            String community,
            String type,
            LocalDate start,
            LocalDate end) {}

    private static Person person(
            int no,
            String name,
            String gender,
            String area,
            String birth,
            int seq,
            String phone,
            String type,
            String start,
            String end) {
        String id = makeId(area, LocalDate.parse(birth), seq);
        return new Person(no, name, gender, id, phone, "麓景社区", type, LocalDate.parse(start), LocalDate.parse(end));
    }

    /** The 14 people on the roster (index 1..14; index 0 unused). */
    static final Person[] P = new Person[15];
    /** A roster row whose check digit is wrong (rejected ID_CHECKSUM). */
    static final Person ROSTER_BAD;
    /** Valid ID, never on the roster: pending identification. */
    static final Person PENDING;

    static {
        P[1] = person(1, "张建国", "男", "430104", "1968-04-12", 31, "13807311024", "缓刑", "2024-03-01", "2026-08-31");
        P[2] = person(2, "李秀英", "女", "430103", "1972-09-03", 46, "13975102287", "缓刑", "2024-06-15", "2026-06-14");
        P[3] = person(3, "王志强", "男", "430104", "1985-03-12", 57, "+86 138-7310-5521", "假释", "2024-01-10", "2026-07-09");
        P[4] = person(4, "刘海燕", "女", "430104", "1990-11-25", 62, "15874120936", "缓刑", "2024-09-01", "2026-02-28");
        P[5] = person(5, "陈明", "男", "430103", "1979-07-08", 15, "13548762210", "管制", "2024-08-01", "2026-01-31");
        P[6] = person(6, "杨丽华", "女", "430104", "1983-02-19", 28, "18673105548", "缓刑", "2024-04-01", "2026-09-30");
        P[7] = person(7, "赵伟", "男", "430103", "1995-12-30", 73, "13787045612", "缓刑", "2024-05-20", "2026-11-19");
        P[8] = person(8, "黄晓东", "男", "430104", "1988-06-06", 91, "15116287743", "假释", "2024-10-08", "2026-04-07");
        P[9] = person(9, "周娟", "女", "430104", "1976-01-15", 84, "13908460375", "暂予监外执行", "2024-02-26", "2026-02-25");
        // 吴磊: sequence chosen so that the check character is X (written lower-case on the roster)
        int seq = 101;
        while (makeId("430103", LocalDate.of(1999, 5, 21), seq).charAt(17) != 'X') {
            seq += 2;
        }
        P[10] = person(10, "吴磊", "男", "430103", "1999-05-21", seq, "17773129904", "缓刑", "2024-07-01", "2026-12-31");
        P[11] = person(11, "徐桂兰", "女", "430104", "1963-10-09", 22, "13117316682", "缓刑", "2024-11-11", "2026-05-10");
        P[12] = person(12, "孙浩", "男", "430104", "1992-08-17", 39, "18874839021", "缓刑", "2024-03-18", "2027-03-17");
        P[13] = person(13, "马俊", "男", "430103", "1981-12-02", 65, "15973164478", "管制", "2024-06-03", "2026-06-02");
        P[14] = person(14, "朱小红", "女", "430104", "1987-04-28", 44, "13637489915", "缓刑", "2025-02-10", "2027-02-09");
        Person bad =
                person(15, "胡建平", "男", "430103", "1970-03-05", 53, "13319402268", "假释", "2024-05-01", "2026-04-30");
        String wrong = bad.id().substring(0, 17)
                + CHECK_CHARS.charAt((CHECK_CHARS.indexOf(bad.id().charAt(17)) + 1) % 11);
        ROSTER_BAD = new Person(
                15, bad.name(), bad.gender(), wrong, bad.phone(), bad.community(), bad.type(), bad.start(), bad.end());
        PENDING = person(16, "钟晓峰", "男", "430103", "1993-07-14", 17, "13755018836", null, "2025-01-01", "2025-12-31");
    }

    /** Same person, birth day shifted by one: still a well-formed date, check digit now wrong. */
    static String birthDayTypo(String id) {
        char d = id.charAt(13);
        char nd = d == '9' ? '8' : (char) (d + 1);
        return id.substring(0, 13) + nd + id.substring(14);
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    // =====================================================================================
    // Files in memory: tables of raw cells, each data row with the outcome it was designed for
    // =====================================================================================

    /** Expected outcome of a row: A accepted, M merged, R:CODE rejected, S skipped, null = title/header. */
    static final class Table {
        final String sheet;
        final List<List<Object>> rows = new ArrayList<>();
        final List<String> expect = new ArrayList<>();
        int headerRow = -1;
        final List<CellRangeAddress> merged = new ArrayList<>();

        Table(String sheet) {
            this.sheet = sheet;
        }

        void title(Object... cells) {
            rows.add(new ArrayList<>(Arrays.asList(cells)));
            expect.add(null);
        }

        void header(String... cells) {
            headerRow = rows.size();
            rows.add(new ArrayList<>(Arrays.asList((Object[]) cells)));
            expect.add(null);
        }

        void data(String outcome, List<Object> cells) {
            rows.add(cells);
            expect.add(outcome);
        }

        void blank() {
            int n = rows.get(headerRow).size();
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cells.add(null);
            }
            data("S", cells);
        }

        int width() {
            return headerRow < 0 ? 1 : rows.get(headerRow).size();
        }
    }

    static final class OutFile {
        final String source;
        final String fileName;
        final String format;
        final List<Table> tables = new ArrayList<>();
        final String description;
        boolean bom;

        OutFile(String source, String fileName, String format, String description) {
            this.source = source;
            this.fileName = fileName;
            this.format = format;
            this.description = description;
        }

        String relPath() {
            return source + "/" + fileName;
        }
    }

    /** One activity as a partner would write it. */
    static final class Act {
        LocalDate sort;
        Object date;
        String name;
        String id;
        String word;
        String activity;
        String agency;
        Object hours;
        Object qty;
        String outcome;
        String notes;
        String expect = "A";

        Act(String date, Person p, String word, String activity) {
            this.sort = d(date);
            this.date = this.sort;
            this.name = p.name();
            this.id = p.id();
            this.word = word;
            this.activity = activity;
        }

        Act agency(String a) {
            agency = a;
            return this;
        }

        Act hours(Object h) {
            hours = h;
            return this;
        }

        Act qty(Object q) {
            qty = q;
            return this;
        }

        Act text(String dateText) {
            date = dateText;
            return this;
        }

        Act noDate() {
            date = null;
            return this;
        }

        Act id(String s) {
            id = s;
            return this;
        }

        Act name(String s) {
            name = s;
            return this;
        }

        Act outcome(String s) {
            outcome = s;
            return this;
        }

        Act notes(String s) {
            notes = s;
            return this;
        }

        Act expect(String s) {
            expect = s;
            return this;
        }
    }

    static List<Act> sorted(List<Act> acts) {
        List<Act> copy = new ArrayList<>(acts);
        copy.sort(Comparator.comparing(a -> a.sort));
        return copy;
    }

    static String hoursText(Object h) {
        if (h == null) {
            return null;
        }
        if (h instanceof Double v) {
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
        return h.toString();
    }

    // =====================================================================================
    // roster
    // =====================================================================================

    static OutFile roster() {
        OutFile f = new OutFile(
                "roster",
                "2025年社区矫正对象名册.xlsx",
                "xlsx",
                "麓谷街道司法所的社区矫正对象名册（upsert）：标题行、空行、表头，15 行人员（其中 1 行身份证校验位错误），末行为填表人/审核人签字行。"
                        + "身份证号为文本单元格；吴磊的校验位写作小写 x；王志强的电话写作 `+86 138-7310-5521`；矫正起止日期为日期单元格。");
        Table t = new Table("名册");
        t.title("2025年社区矫正对象名册");
        t.merged.add(new CellRangeAddress(0, 0, 0, 8));
        t.title("填报单位：麓谷街道司法所", null, null, null, null, null, "填报日期：2025年2月12日");
        t.title();
        t.header("序号", "姓名", "性别", "身份证号码", "联系电话", "所属社区", "矫正类别", "矫正起始日期", "矫正终止日期");
        List<Person> people = new ArrayList<>(Arrays.asList(P).subList(1, 15));
        people.add(12, ROSTER_BAD); // between 孙浩 and 马俊
        int no = 1;
        for (Person p : people) {
            String id = p.no() == 10 ? p.id().toLowerCase() : p.id();
            t.data(
                    p == ROSTER_BAD ? "R:ID_CHECKSUM" : "A",
                    new ArrayList<>(Arrays.asList(
                            no++, p.name(), p.gender(), id, p.phone(), p.community(), p.type(), p.start(), p.end())));
        }
        List<Object> sign = new ArrayList<>(Arrays.asList("填表人：刘敏", null, null, null, "审核人：陈志刚"));
        t.data("S", sign);
        f.tables.add(t);
        return f;
    }

    // =====================================================================================
    // community ledger
    // =====================================================================================

    static final String COMMUNITY_SUM_PLACEHOLDER = "{N}";

    static OutFile community() {
        OutFile f = new OutFile(
                "community",
                "2025年麓景社区工作台账.xlsx",
                "xlsx",
                "麓景社区居委会的工作台账（工作表「台账」）：两行标题、表头，按日期排列的活动行；合作单位列写明承办的合作单位（规范名与简称混用，空白 = 社区自办）；"
                        + "日期多为日期单元格，部分为文本 `2025/3/15`、`2025年2月6日`；中间一行空行，末尾合计行与填表人行。"
                        + "第二个工作表「说明」只有填表说明，没有表格。使用本源词汇 `义务劳动`（公益活动）、`临时救助`（帮助摆脱困境）。");
        List<Act> a = new ArrayList<>();
        String pf = "发放《图解社区矫正法》";
        // out of year (2024-12)
        a.add(new Act("2024-12-18", P[1], "协助调查评估", "协助司法所开展调查评估").notes("2024年度结转"));
        a.add(new Act("2024-12-20", P[2], "个案矫正方案", "制定个案矫正方案").notes("2024年度结转"));
        // ASSESSMENT: 12 (persons 2..13)
        String[] asDates = {
            "2025-01-08",
            "2025-01-15",
            "2025-02-12",
            "2025-03-04",
            "2025-04-09",
            "2025-05-13",
            "2025-06-10",
            "2025-07-08",
            "2025-08-12",
            "2025-09-09",
            "2025-10-14",
            "2025-11-11"
        };
        String[] asWords = {"调查评估", "协助调查评估", "社会调查评估"};
        for (int i = 0; i < 12; i++) {
            a.add(new Act(asDates[i], P[i + 2], asWords[i % 3], "协助司法所开展调查评估").hours(2.0));
        }
        // CORRECTION_GROUP: 14 records, 12 distinct persons (1..12; 3 and 7 twice)
        for (int i = 1; i <= 12; i++) {
            a.add(new Act(i <= 6 ? "2025-01-10" : "2025-01-17", P[i], i % 2 == 0 ? "参加矫正小组" : "矫正小组", "成立矫正小组")
                    .hours(1.0));
        }
        a.add(new Act("2025-07-04", P[3], "矫正小组", "矫正小组成员调整").hours(1.0).notes("增补社区网格员"));
        a.add(new Act("2025-07-04", P[7], "矫正小组", "矫正小组成员调整").hours(1.0).notes("增补志愿者"));
        // CORRECTION_PLAN: 12 (persons 3..14)
        String[] cpDates = {
            "2025-01-22",
            "2025-01-22",
            "2025-01-23",
            "2025-01-23",
            "2025-01-24",
            "2025-02-05",
            "2025-02-05",
            "2025-02-06",
            "2025-02-06",
            "2025-02-07",
            "2025-02-07",
            "2025-02-20"
        };
        for (int i = 0; i < 12; i++) {
            Act x = new Act(cpDates[i], P[i + 3], i % 2 == 0 ? "矫正方案" : "个案矫正方案", "制定个案矫正方案").hours(1.5);
            if (i == 5 || i == 6) {
                x.text("2025/2/5");
            } else if (i == 7) {
                x.text("2025年2月6日");
            }
            a.add(x);
        }
        // KEY_SUPPORT_PLAN: 4
        a.add(new Act("2025-03-10", P[4], "重点帮扶方案", "制定重点帮扶方案").notes("单亲家庭"));
        a.add(new Act("2025-03-10", P[7], "重点帮扶", "制定重点帮扶方案").notes("无固定工作"));
        a.add(new Act("2025-03-12", P[11], "重点帮扶方案", "制定重点帮扶方案").notes("高龄独居"));
        a.add(new Act("2025-03-12", P[14], "重点帮扶", "制定重点帮扶方案").notes("新入矫"));
        // PUBLIC_WELFARE: 12 events, 46 records (+1 pending)
        pw(a, "2025-01-18", "麓谷革命历史纪念馆", "志愿服务", "纪念馆讲解志愿服务", 3.0, 1, 2, 3, 5);
        pw(a, "2025-02-22", "高新区城管局", "义务劳动", "麓谷街巷环境整治", 2.0, 6, 7, 8, 9);
        pw(a, "2025-03-05", "麓谷实验学校", "志愿服务", "学雷锋校园志愿服务", 2.0, 10, 11, 12, 14);
        pw(a, "2025-04-04", "湘江英烈纪念馆", "公益活动", "清明祭扫志愿服务", 3.0, 1, 3, 4, 6, 13);
        pw(a, "2025-05-17", "高新区市场监管局", "社区公益", "食品安全宣传", 2.0, 2, 5, 8);
        pw(a, "2025-06-21", "长沙高新区社会事业局", "公益活动", "社区图书角整理", 2.0, 7, 9, 11, 12);
        a.add(new Act("2025-06-21", PENDING, "公益活动", "社区图书角整理")
                .agency("长沙高新区社会事业局")
                .hours(2.0)
                .notes("待核实身份"));
        pw(a, "2025-07-12", "麓景物业", "义务劳动", "小区义务劳动", 2.0, 1, 4, 10, 14);
        pw(a, "2025-08-09", "湘麓建设", "公益活动", "工地安全宣传", 1.5, 3, 6, 13);
        pw(a, "2025-09-20", "长沙高新区职业技术学校", "志愿服务", "校园环境志愿服务", 2.0, 2, 5, 8, 11);
        pw(a, "2025-10-18", "高新区总工会", "志愿服务", "重阳敬老志愿服务", 3.0, 4, 7, 9, 12);
        pw(a, "2025-11-15", null, "社区公益", "楼道清理", 1.5, 1, 10, 13, 14);
        pw(a, "2025-12-13", "革命历史纪念馆", "志愿服务", "国家公祭日纪念馆志愿讲解", 3.0, 3, 6, 11);
        // one ID written with spaces (accepted: spaces are dropped)
        for (Act x : a) {
            if (x.id.equals(P[3].id()) && x.sort.equals(d("2025-04-04"))) {
                x.id(x.id.substring(0, 6) + " " + x.id.substring(6, 14) + " " + x.id.substring(14));
            }
        }
        // EDUCATION_SUPPORT: 8
        a.add(new Act("2025-03-20", P[2], "教育帮扶", "子女课业辅导").agency("麓谷实验学校").hours(2.0));
        a.add(new Act("2025-04-10", P[4], "帮扶教育", "子女入学协调").agency("长沙高新区麓枫学校").hours(1.0));
        a.add(new Act("2025-05-08", P[6], "教育帮扶", "子女心理关爱").agency("麓枫学校").hours(1.5));
        a.add(new Act("2025-06-05", P[9], "教育帮扶", "职业教育报读指导").agency("高新职校").hours(1.0));
        a.add(new Act("2025-09-04", P[11], "教育帮扶", "孙辈课后托管")
                .agency("长沙高新区麓谷实验学校")
                .hours(2.0));
        a.add(new Act("2025-09-18", P[14], "帮扶教育", "学历提升报名指导")
                .agency("长沙高新区职业技术学校")
                .hours(1.0));
        a.add(new Act("2025-10-23", P[6], "教育帮扶", "子女课业辅导").agency("麓谷实验学校").hours(2.0));
        a.add(new Act("2025-11-20", P[4], "教育帮扶", "家庭教育指导").agency("麓枫学校").hours(1.5));
        // HARDSHIP_RELIEF: 2
        a.add(new Act("2025-05-27", P[11], "困难帮扶", "困难家庭生活帮扶").agency("高新区妇联").notes("发放慰问金"));
        a.add(new Act("2025-08-19", P[5], "临时救助", "临时救助金申请").agency("长沙高新区总工会").text("2025年8月19日"));
        // MATERIALS: 13 rows, 30 copies (one quantity left blank = 1)
        Object[] q1 = {3, 2, 2, 3, 2, 2, 3};
        for (int i = 0; i < 7; i++) {
            a.add(new Act("2025-04-15", P[i + 1], pf, "全民国家安全教育日读物发放").qty(q1[i]));
        }
        Object[] q2 = {2, 2, 3, 2, 3, null};
        for (int i = 0; i < 6; i++) {
            Act x = new Act("2025-12-04", P[i + 8], pf, "宪法宣传日读物发放").qty(q2[i]);
            if (q2[i] == null) {
                x.notes("数量未填，按1册计");
            }
            a.add(x);
        }
        // LEGAL_EDUCATION: 8 (3 of them the university reports too)
        a.add(new Act("2025-03-15", P[1], "普法活动", "3·15消费者权益保护普法")
                .agency("湖南工商大学")
                .hours(2.0)
                .text("2025/3/15"));
        a.add(new Act("2025-03-15", P[2], "普法活动", "3·15消费者权益保护普法")
                .agency("工商大学")
                .hours(2.0));
        a.add(new Act("2025-06-26", P[5], "法治教育", "禁毒法治教育").agency("湖南工商大学法学院").hours(1.5));
        a.add(new Act("2025-05-20", P[6], "普法", "民法典进社区").agency("湖南工商大学").hours(1.5));
        a.add(new Act("2025-07-10", P[13], "趣味普法", "防范电信诈骗趣味普法")
                .agency("湖南工商大学")
                .hours(1.0));
        a.add(new Act("2025-03-28", P[8], "普法活动", "社区矫正法律讲座")
                .agency("湖南麓谷律师事务所")
                .hours(1.5));
        a.add(new Act("2025-08-28", P[10], "普法", "劳动权益普法").agency("麓谷律所").hours(1.0));
        a.add(new Act("2025-10-30", P[12], "普法活动", "劳动权益普法").agency("麓谷律师事务所").hours(1.0));
        // rejected rows
        a.add(new Act("2025-08-23", P[8], "棋艺比赛", "社区棋艺比赛")
                .agency("长沙高新区社会事业局")
                .hours(2.0)
                .expect("R:UNKNOWN_CATEGORY"));
        a.add(new Act("2025-03-07", P[13], "志愿服务", "学雷锋校园志愿服务")
                .agency("麓谷实验学校")
                .hours(2.0)
                .text("03/07/2025")
                .expect("R:DATE_AMBIGUOUS"));
        a.add(new Act("2025-12-04", P[14], pf, "宪法宣传日读物发放")
                .qty(-3)
                .notes("退回3册")
                .expect("R:VALUE_INVALID"));

        Table t = new Table("台账");
        t.title("2025年麓景社区社区矫正工作台账");
        t.merged.add(new CellRangeAddress(0, 0, 0, 9));
        t.title("填报单位：麓景社区居委会", null, null, null, null, null, "填报日期：2026年1月5日");
        t.header("序号", "日期", "姓名", "身份证号", "活动类型", "活动名称", "合作单位", "时长（小时）", "数量", "备注");
        int no = 1;
        boolean blankDone = false;
        for (Act x : sorted(a)) {
            if (!blankDone && x.sort.isAfter(d("2025-06-30"))) {
                t.blank();
                blankDone = true;
            }
            t.data(
                    x.expect,
                    new ArrayList<>(Arrays.asList(
                            no++, x.date, x.name, x.id, x.word, x.activity, x.agency, x.hours, x.qty, x.notes)));
        }
        t.data(
                "S",
                new ArrayList<>(Arrays.asList(
                        "合计", null, null, null, null, null, null, null, null, COMMUNITY_SUM_PLACEHOLDER)));
        t.data("S", new ArrayList<>(Arrays.asList("填表人：周敏", null, null, null, null, null, "审核人：李红梅")));
        // control total: number of data rows (everything that is neither title, header nor skipped)
        int dataRows = 0;
        for (String e : t.expect) {
            if (e != null && !e.equals("S")) {
                dataRows++;
            }
        }
        for (List<Object> r : t.rows) {
            for (int i = 0; i < r.size(); i++) {
                if (COMMUNITY_SUM_PLACEHOLDER.equals(r.get(i))) {
                    r.set(i, "共" + dataRows + "条记录");
                }
            }
        }
        f.tables.add(t);

        Table s = new Table("说明");
        s.title("填表说明");
        s.title("1. 每次活动、每名矫正对象填写一行；同一活动多名对象参加的，分行填写。");
        s.title("2. 活动类型请按工作口径填写，如调查评估、矫正小组、矫正方案、重点帮扶方案、公益活动、教育帮扶、普法活动、发放《图解社区矫正法》等。");
        s.title("3. 合作单位填写实际承办的合作单位全称或简称；社区自办的留空。");
        s.title("4. 身份证号请设置为文本格式，避免后几位被截断。");
        s.title("5. 本台账涉及矫正对象个人信息，严格执行信息保密制度，不得外传。");
        f.tables.add(s);
        return f;
    }

    private static void pw(
            List<Act> a, String date, String agency, String word, String name, double hours, int... people) {
        for (int p : people) {
            a.add(new Act(date, P[p], word, name).agency(agency).hours(hours));
        }
    }

    // =====================================================================================
    // hospital
    // =====================================================================================

    static OutFile hospital() {
        OutFile f = new OutFile(
                "hospital",
                "2025年心理测评与团体辅导记录.xlsx",
                "xlsx",
                "湖南航天医院心理咨询基地的记录，两个工作表：「心理测评」（心理测量与评估）与「团体辅导」（团体辅导）。"
                        + "表头使用本源表头同义词 `服务项目`（类别）、`测评项目`（活动名称）、`测评结论`（结果），本源词汇 `量表测评`、`沙盘团辅`。"
                        + "没有合作单位列：承办单位即湖南航天医院。「团体辅导」中一行重复录入（同一人、同一天），一处姓名写作「刘 海燕」（含空格），末尾一行空行与填表人行。");
        String[] head = {"序号", "姓名", "身份证号码", "服务项目", "测评项目", "服务日期", "时长（小时）", "测评结论", "备注"};

        List<Act> pa = new ArrayList<>();
        String[] paDates = {
            "2025-03-06",
            "2025-03-06",
            "2025-03-13",
            "2025-03-13",
            "2025-03-20",
            "2025-03-20",
            "2025-03-27",
            "2025-03-27"
        };
        String[] paWords = {"心理测评", "量表测评", "心理测量", "心理测评"};
        String[] outcomes = {"未见明显异常", "轻度焦虑，建议团体辅导", "未见明显异常", "轻度抑郁情绪，建议随访"};
        for (int i = 0; i < 8; i++) {
            pa.add(new Act(paDates[i], P[i + 1], paWords[i % 4], "SCL-90症状自评量表")
                    .hours(1.0)
                    .outcome(outcomes[i % 4])
                    .notes("入矫初测"));
        }
        pa.add(new Act("2025-09-11", P[1], "量表测评", "SCL-90复测")
                .hours(1.0)
                .outcome("未见明显异常")
                .notes("复测"));
        pa.add(new Act("2025-09-11", P[3], "量表测评", "SCL-90复测")
                .hours(1.0)
                .outcome("焦虑情绪缓解")
                .notes("复测"));
        pa.add(new Act("2025-09-18", P[5], "量表测评", "SCL-90复测")
                .hours(1.0)
                .outcome("未见明显异常")
                .notes("复测"));
        pa.add(new Act("2025-09-18", P[7], "心理测评", "SAS焦虑自评量表")
                .hours(1.0)
                .outcome("未见明显异常")
                .notes("复测"));
        pa.add(new Act("2025-05-15", PENDING, "心理测评", "SCL-90症状自评量表")
                .hours(1.0)
                .outcome("未见明显异常")
                .notes("街道转介，名册待核"));
        pa.add(new Act("2025-04-03", P[9], "心理测评", "SCL-90症状自评量表")
                .hours(1.0)
                .text("2025-02-30")
                .expect("R:DATE_INVALID"));
        pa.add(new Act("2025-04-03", P[10], "心理测评", "SCL-90症状自评量表")
                .hours(1.0)
                .noDate()
                .notes("日期漏填")
                .expect("R:MISSING_FIELD"));
        Table t1 = new Table("心理测评");
        t1.title("湖南航天医院心理咨询基地 2025年社区矫正对象心理测评记录");
        t1.merged.add(new CellRangeAddress(0, 0, 0, 8));
        t1.header(head);
        int no = 1;
        for (Act x : sorted(pa)) {
            t1.data(x.expect, hospitalCells(no++, x));
        }
        f.tables.add(t1);

        List<Act> gc = new ArrayList<>();
        gcSession(gc, "2025-04-12", "沙盘团辅", "沙盘团辅：认识情绪", 2, 4, 6, 8);
        gcSession(gc, "2025-06-14", "团体辅导", "团体辅导：压力管理", 1, 3, 9, 11);
        gcSession(gc, "2025-08-16", "团辅活动", "团辅活动：重建信任", 10, 12, 13, 14);
        gcSession(gc, "2025-10-18", "沙盘团辅", "沙盘团辅：家庭关系", 5, 7, 9, 11);
        gcSession(gc, "2024-12-20", "团体心理辅导", "团体心理辅导：年末回顾", 5, 6);
        for (Act x : gc) {
            if (x.id.equals(P[4].id())) {
                x.name("刘 海燕");
            }
        }
        List<Act> gcs = sorted(gc);
        Table t2 = new Table("团体辅导");
        t2.title("湖南航天医院心理咨询基地 2025年社区矫正对象团体辅导记录");
        t2.merged.add(new CellRangeAddress(0, 0, 0, 8));
        t2.header(head);
        no = 1;
        for (Act x : gcs) {
            t2.data(x.expect, hospitalCells(no++, x));
            if (x.id.equals(P[3].id()) && x.sort.equals(d("2025-06-14"))) {
                // entered twice: same person, same day, same session
                t2.data("M", hospitalCells(no++, x));
            }
        }
        t2.blank();
        t2.data("S", new ArrayList<>(Arrays.asList("填表人：谭医生", null, null, null, null, "审核人：罗主任")));
        f.tables.add(t2);
        return f;
    }

    private static void gcSession(List<Act> a, String date, String word, String name, int... people) {
        for (int p : people) {
            a.add(new Act(date, P[p], word, name).hours(2.0));
        }
    }

    private static List<Object> hospitalCells(int no, Act x) {
        return new ArrayList<>(
                Arrays.asList(no, x.name, x.id, x.word, x.activity, x.date, x.hours, x.outcome, x.notes));
    }

    // =====================================================================================
    // university (CSV)
    // =====================================================================================

    static OutFile university() {
        OutFile f = new OutFile(
                "university",
                "2025年法学院普法与访谈记录.csv",
                "csv",
                "湖南工商大学法学院学生普法基地的记录：UTF-8（无 BOM）、逗号分隔 CSV；表头使用本源同义词 `开展日期`（日期）、`主题`（活动名称），"
                        + "本源词汇 `法律讲堂`（普法活动）、`半结构化访谈`（结构式访谈）。没有单位列：承办单位即湖南工商大学。"
                        + "一个主题字段含逗号（加引号）；普法与访谈两段之间有一行只有逗号的空行。");
        List<Act> a = new ArrayList<>();
        leSession(a, "2025-03-15", "普法活动", "3·15消费者权益保护普法", 2.0, 1, 2, 3, 4, 5);
        leSession(a, "2025-04-15", "趣味普法", "国家安全教育日趣味普法", 1.5, 6, 7, 8, 9);
        leSession(a, "2025-06-26", "法治教育", "禁毒法治教育", 1.5, 3, 5, 10, 11, 12);
        leSession(a, "2025-09-13", "法律讲堂", "法律讲堂：民法典与家庭生活", 2.0, 1, 4, 6, 13, 14);
        leSession(a, "2025-11-08", "法律讲堂", "法律讲堂：劳动合同法", 2.0, 2, 7, 9, 10);
        leSession(a, "2025-12-04", "普法", "宪法宣传日, 宪法进社区", 1.5, 3, 8, 11, 12);
        for (Act x : a) {
            boolean merged = (x.sort.equals(d("2025-03-15")) && (x.id.equals(P[1].id()) || x.id.equals(P[2].id())))
                    || (x.sort.equals(d("2025-06-26")) && x.id.equals(P[5].id()));
            if (merged) {
                x.expect("M").notes("社区台账亦有记录");
            }
            if (x.sort.equals(d("2025-09-13")) && x.id.equals(P[6].id())) {
                x.notes("表现积极, 主动提问");
            }
        }
        // rejected: 17-character ID (a digit of the birth date dropped); hours written in words
        String shortId = P[13].id().substring(0, 10) + P[13].id().substring(11);
        a.add(new Act("2025-04-15", P[13], "趣味普法", "国家安全教育日趣味普法")
                .hours(1.5)
                .id(shortId)
                .expect("R:ID_INVALID"));
        a.add(new Act("2025-04-15", P[14], "趣味普法", "国家安全教育日趣味普法").hours("两小时").expect("R:VALUE_INVALID"));
        List<Act> le = sorted(a);

        List<Act> si = new ArrayList<>();
        String[] siDates = {
            "2025-05-08",
            "2025-05-08",
            "2025-05-09",
            "2025-05-09",
            "2025-05-15",
            "2025-05-15",
            "2025-05-16",
            "2025-05-16"
        };
        for (int i = 0; i < 8; i++) {
            si.add(new Act(siDates[i], P[i + 1], "结构式访谈", "结构式访谈（第一轮）").hours(1.0));
        }
        si.add(new Act("2025-10-09", P[9], "半结构化访谈", "半结构化访谈（第二轮）").hours(1.0));
        si.add(new Act("2025-10-09", P[10], "半结构化访谈", "半结构化访谈（第二轮）").hours(1.0));
        si.add(new Act("2025-10-10", P[11], "半结构化访谈", "半结构化访谈（第二轮）").hours(1.0));
        si.add(new Act("2025-10-10", P[12], "半结构化访谈", "半结构化访谈（第二轮）").hours(1.0));
        si.add(new Act("2025-10-10", PENDING, "访谈", "半结构化访谈（第二轮）").hours(1.0).notes("名册未见此人"));

        Table t = new Table("csv");
        t.header("序号", "姓名", "身份证号", "开展日期", "类别", "主题", "时长", "备注");
        int no = 1;
        for (Act x : le) {
            t.data(x.expect, csvCells(no++, x));
        }
        t.blank();
        for (Act x : si) {
            t.data(x.expect, csvCells(no++, x));
        }
        f.tables.add(t);
        return f;
    }

    private static void leSession(List<Act> a, String date, String word, String name, double hours, int... people) {
        for (int p : people) {
            a.add(new Act(date, P[p], word, name).hours(hours));
        }
    }

    private static List<Object> csvCells(int no, Act x) {
        return new ArrayList<>(Arrays.asList(
                String.valueOf(no), x.name, x.id, dateText(x.date), x.word, x.activity, hoursText(x.hours), x.notes));
    }

    private static String dateText(Object date) {
        return date == null ? null : date.toString();
    }

    // =====================================================================================
    // employer (CSV)
    // =====================================================================================

    static OutFile employer() {
        OutFile f = new OutFile(
                "employer",
                "2025年招聘会与就业情况.csv",
                "csv",
                "拓维信息汇总的招聘会参会与就业情况：UTF-8 **带 BOM**（Excel「CSV UTF-8」导出）、逗号分隔；表头使用本源同义词 `招聘单位`（单位），"
                        + "本源词汇 `双选会`（招聘会）、`签约上岗`（就业）。招聘会名称在活动名称列；日期部分写作 `2025/3/22`。");
        List<Act> a = new ArrayList<>();
        fair(a, "2025-02-15", "高新区人社局", "春风送岗", "2025年春风行动专场招聘会", 3, 7, 12);
        a.add(new Act("2025-02-15", PENDING, "春风送岗", "2025年春风行动专场招聘会")
                .agency("高新区人社局")
                .notes("现场登记，名册待核"));
        fair(a, "2025-03-22", "拓维信息", "专场招聘会", "拓维信息春季专场招聘会", 7, 8, 10);
        fair(a, "2025-04-26", "麓谷智造", "双选会", "麓谷智造技能岗位双选会", 3, 12);
        fair(a, "2025-05-24", "长沙高新区人力资源和社会保障局", "招聘会", "高新区民营企业招聘月", 4, 8, 10, 13);
        fair(a, "2025-07-19", "岳麓云", "专场招聘会", "岳麓云数据标注岗专场招聘会", 7, 12, 4);
        fair(a, "2025-09-06", "湘麓建设", "招聘会", "湘麓建设秋季用工招聘会", 3, 10);
        fair(a, "2025-10-25", "拓维信息系统股份有限公司", "双选会", "拓维信息秋季双选会", 8, 13, 12);
        fair(a, "2025-11-29", "人社局", "招聘会", "冬季就业援助月招聘会", 4, 7, 10);
        fair(a, "2026-01-10", "高新区人社局", "招聘会", "2026年迎春招聘会", 3, 13);
        a.add(new Act("2025-04-07", P[7], "入职", "入职 拓维信息 运维助理").agency("拓维信息").notes("劳动合同一年"));
        a.add(new Act("2025-08-04", P[7], "签约上岗", "签约上岗 岳麓云 数据标注员")
                .agency("岳麓云")
                .notes("转岗"));
        a.add(new Act("2025-09-22", P[3], "入职", "入职 湘麓建设 施工员").agency("湘麓建设"));
        a.add(new Act("2025-11-10", P[12], "签约上岗", "签约上岗 麓谷智造 装配工").agency("湖南麓谷智造科技有限公司"));
        a.add(new Act("2025-12-08", P[10], "入职", "入职 麓景物业 保安员").agency("麓景物业"));
        // rejected
        a.add(new Act("2025-03-22", P[13], "专场招聘会", "拓维信息春季专场招聘会")
                .agency("拓维信息")
                .id(birthDayTypo(P[13].id()))
                .expect("R:ID_CHECKSUM"));
        a.add(new Act("2025-04-26", P[4], "双选会", "麓谷智造技能岗位双选会")
                .agency("麓谷智造")
                .text("2025/4/31")
                .expect("R:DATE_INVALID"));
        for (Act x : a) {
            if (x.sort.equals(d("2025-03-22")) && x.date instanceof LocalDate) {
                x.text("2025/3/22");
            }
        }
        Table t = new Table("csv");
        t.header("序号", "姓名", "身份证号", "日期", "类别", "招聘单位", "活动名称", "备注");
        int no = 1;
        for (Act x : sorted(a)) {
            t.data(
                    x.expect,
                    new ArrayList<>(Arrays.asList(
                            String.valueOf(no++),
                            x.name,
                            x.id,
                            dateText(x.date),
                            x.word,
                            x.agency,
                            x.activity,
                            x.notes)));
        }
        f.tables.add(t);
        f.bom = true;
        return f;
    }

    private static void fair(List<Act> a, String date, String agency, String word, String name, int... people) {
        for (int p : people) {
            a.add(new Act(date, P[p], word, name).agency(agency));
        }
    }

    // =====================================================================================
    // micro-lesson (JSON)
    // =====================================================================================

    static final String[] LESSONS = {
        "社区矫正法概述",
        "矫正对象的权利与义务",
        "如何遵守报告制度",
        "外出请假与居住地变更",
        "民法典与家庭生活",
        "劳动合同与权益保护",
        "防范电信网络诈骗",
        "禁毒知识",
        "情绪管理入门",
        "压力与睡眠",
        "亲子沟通",
        "理财与防范非法集资",
        "交通安全与酒驾危害",
        "网络言行的法律边界",
        "求职技巧与简历制作",
        "职业技能提升路径",
        "社会保险基础知识",
        "心理韧性训练",
        "感恩与责任",
        "社区公益与志愿服务",
        "消防安全常识",
        "防范家庭暴力",
        "个人信息保护",
        "诚信与征信",
        "宪法基本知识",
        "缓刑与假释的法律规定",
        "矛盾纠纷的化解",
        "健康生活方式",
        "反洗钱与反诈骗",
        "回归社会的心理准备",
        "家庭责任与亲情修复",
        "年度学习回顾"
    };

    static OutFile microLesson() {
        OutFile f = new OutFile(
                "micro-lesson",
                "2025年每周一微课.json",
                "json",
                "智慧矫正平台「每周一微课」听课记录：对象 `{\"platform\": \"智慧矫正\", \"records\": [...]}`，英文键 name/idNumber/date/activityName/hours(/notes)；"
                        + "没有类别字段，类别取本源 defaultCategory MICRO_LESSON；承办单位即智慧矫正在线教育平台。"
                        + "32 堂课（2025-03-03 起每周一，至 2025-10-06），9 人听课，并非每人每周都听。");
        int[] attendees = {1, 2, 3, 4, 6, 7, 9, 11, 14};
        Random rnd = new Random(20250303L);
        Table t = new Table("records");
        t.header("name", "idNumber", "date", "activityName", "hours", "notes");
        for (int w = 0; w < LESSONS.length; w++) {
            LocalDate date = d("2025-03-03").plusWeeks(w);
            String title = "第" + (w + 1) + "课 " + LESSONS[w];
            for (int p : attendees) {
                boolean attends = rnd.nextInt(100) < 90;
                boolean reflection = rnd.nextInt(4) == 0;
                if (attends) {
                    t.data(
                            "A",
                            new ArrayList<>(Arrays.asList(
                                    P[p].name(),
                                    P[p].id(),
                                    date.toString(),
                                    title,
                                    0.5,
                                    reflection ? "已提交学习心得" : null)));
                }
            }
        }
        f.tables.add(t);
        return f;
    }

    // =====================================================================================
    // Writers
    // =====================================================================================

    static final LocalDateTime ZIP_TIME = LocalDateTime.of(2026, 1, 5, 9, 0, 0);

    static byte[] xlsx(OutFile f) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle textStyle = wb.createCellStyle();
            textStyle.setDataFormat(wb.createDataFormat().getFormat("@"));
            CellStyle titleStyle = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            titleStyle.setFont(bold);
            for (Table t : f.tables) {
                Sheet sh = wb.createSheet(t.sheet);
                Set<Integer> textCols = new HashSet<>();
                if (t.headerRow >= 0) {
                    List<Object> h = t.rows.get(t.headerRow);
                    for (int i = 0; i < h.size(); i++) {
                        String name = String.valueOf(h.get(i));
                        if (name.startsWith("身份证") || name.contains("电话")) {
                            textCols.add(i);
                        }
                    }
                }
                for (int r = 0; r < t.rows.size(); r++) {
                    List<Object> cells = t.rows.get(r);
                    Row row = sh.createRow(r);
                    boolean blankRow =
                            "S".equals(t.expect.get(r)) && cells.stream().allMatch(c -> c == null);
                    for (int c = 0; c < cells.size(); c++) {
                        Object v = cells.get(c);
                        if (v == null && !blankRow) {
                            continue;
                        }
                        Cell cell = row.createCell(c);
                        if (v == null) {
                            continue; // a physically present, empty cell
                        }
                        if (v instanceof LocalDate ld) {
                            cell.setCellValue(ld);
                            cell.setCellStyle(dateStyle);
                        } else if (v instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else {
                            cell.setCellValue(v.toString());
                            String exp = t.expect.get(r);
                            if (textCols.contains(c) && exp != null && !exp.equals("S")) {
                                cell.setCellStyle(textStyle);
                            }
                        }
                        if (r < t.headerRow || t.headerRow < 0) {
                            if (r == 0) {
                                cell.setCellStyle(titleStyle);
                            }
                        }
                    }
                }
                for (CellRangeAddress m : t.merged) {
                    sh.addMergedRegion(m);
                }
                int width = Math.max(t.width(), 1);
                for (int c = 0; c < width; c++) {
                    sh.setColumnWidth(c, t.headerRow < 0 ? 120 * 256 : (c == 0 ? 8 : 20) * 256);
                }
            }
            wb.getProperties().getCoreProperties().setCreator("Lujing sample data");
            wb.getProperties()
                    .getCoreProperties()
                    .setCreated(Optional.of(java.util.Date.from(
                            ZIP_TIME.atZone(java.time.ZoneOffset.UTC).toInstant())));
            wb.getProperties()
                    .getCoreProperties()
                    .setModified(Optional.of(java.util.Date.from(
                            ZIP_TIME.atZone(java.time.ZoneOffset.UTC).toInstant())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return normaliseZip(out.toByteArray());
        }
    }

    /** Rewrites a zip with fixed entry times so the same input gives byte-identical output. */
    static byte[] normaliseZip(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream zo = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                ZipEntry n = new ZipEntry(e.getName());
                n.setTimeLocal(ZIP_TIME);
                zo.putNextEntry(n);
                in.transferTo(zo);
                zo.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] csv(OutFile f) {
        StringBuilder b = new StringBuilder();
        if (f.bom) {
            b.append('\uFEFF');
        }
        for (List<Object> row : f.tables.get(0).rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                Object v = row.get(i);
                String s = v == null ? "" : v.toString();
                if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                    s = "\"" + s.replace("\"", "\"\"") + "\"";
                }
                b.append(s);
            }
            b.append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(OutFile f) {
        Table t = f.tables.get(0);
        List<Object> keys = t.rows.get(t.headerRow);
        StringBuilder b = new StringBuilder("{\n  \"platform\": \"智慧矫正\",\n  \"records\": [\n");
        for (int r = t.headerRow + 1; r < t.rows.size(); r++) {
            List<Object> row = t.rows.get(r);
            b.append("    {");
            boolean first = true;
            for (int i = 0; i < keys.size(); i++) {
                Object v = row.get(i);
                if (v == null) {
                    continue;
                }
                if (!first) {
                    b.append(", ");
                }
                first = false;
                b.append(jsonString(keys.get(i).toString())).append(": ");
                b.append(v instanceof Number ? hoursText(v) : jsonString(v.toString()));
            }
            b.append(r + 1 < t.rows.size() ? "},\n" : "}\n");
        }
        b.append("  ]\n}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    // =====================================================================================
    // Independent counting check (a tiny re-implementation of the domain rules)
    // =====================================================================================

    enum Rule {
        RECORDS,
        SUBJECTS,
        EVENTS,
        QUANTITY
    }

    record Cat(String code, String zh, String unit, Rule rule, int target, String... words) {}

    static final List<Cat> CATS = List.of(
            new Cat("ASSESSMENT", "调查评估", "件", Rule.RECORDS, 12, "调查评估", "协助调查评估", "社会调查评估"),
            new Cat("CORRECTION_GROUP", "矫正小组", "个", Rule.SUBJECTS, 12, "矫正小组", "参加矫正小组"),
            new Cat("CORRECTION_PLAN", "矫正方案", "个", Rule.RECORDS, 12, "矫正方案", "个案矫正方案"),
            new Cat("KEY_SUPPORT_PLAN", "重点帮扶方案", "个", Rule.RECORDS, 4, "重点帮扶方案", "重点帮扶"),
            new Cat("STRUCTURED_INTERVIEW", "结构式访谈", "人次", Rule.RECORDS, 12, "结构式访谈", "访谈"),
            new Cat("PSYCH_ASSESSMENT", "心理测量与评估", "人次", Rule.RECORDS, 12, "心理测量", "心理测评", "心理评估", "心理测量与评估"),
            new Cat("PSYCH_COUNSELLING", "心理疏导", "人次", Rule.RECORDS, 0, "心理疏导", "心理咨询", "个体咨询"),
            new Cat("GROUP_COUNSELLING", "团体辅导", "人次", Rule.RECORDS, 16, "团体辅导", "团辅", "团辅活动", "团体心理辅导"),
            new Cat("LEGAL_EDUCATION", "普法活动", "人次", Rule.RECORDS, 32, "普法活动", "普法", "趣味普法", "法治教育"),
            new Cat("PUBLIC_WELFARE", "公益活动", "人次", Rule.RECORDS, 46, "公益活动", "社区公益", "志愿服务"),
            new Cat("EDUCATION_SUPPORT", "教育帮扶", "人次", Rule.RECORDS, 8, "教育帮扶", "帮扶教育"),
            new Cat("MICRO_LESSON", "每周一微课", "堂", Rule.EVENTS, 32, "微课", "每周一微课", "在线微课"),
            new Cat("GOOD_DEED", "周行一善打卡", "人次", Rule.RECORDS, 0, "周行一善", "周行一善打卡", "打卡"),
            new Cat("HOME_VISIT", "实地走访", "人次", Rule.RECORDS, 0, "实地走访", "走访", "家访"),
            new Cat("JOB_FAIR", "招聘会", "次", Rule.EVENTS, 8, "招聘会", "专场招聘会", "春风送岗"),
            new Cat("VOCATIONAL_TRAINING", "职业技能培训", "人次", Rule.RECORDS, 0, "职业技能培训", "技能培训"),
            new Cat("EMPLOYMENT", "就业安置", "名", Rule.SUBJECTS, 4, "就业", "入职", "就业安置", "帮助就业"),
            new Cat("HARDSHIP_RELIEF", "帮助摆脱困境", "人次", Rule.RECORDS, 2, "帮助摆脱困境", "困难帮扶", "摆脱困境"),
            new Cat("MATERIALS", "发放普法读物", "册", Rule.QUANTITY, 30, "发放普法读物", "发放读物", "发放《图解社区矫正法》"));

    static final Map<String, List<String>> COMMON_HEADERS = new LinkedHashMap<>();

    static {
        COMMON_HEADERS.put("name", List.of("姓名", "名字", "对象姓名", "矫正对象"));
        COMMON_HEADERS.put("idNumber", List.of("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"));
        COMMON_HEADERS.put("date", List.of("日期", "活动日期", "服务日期", "时间", "活动时间"));
        COMMON_HEADERS.put("category", List.of("活动类型", "服务类型", "项目", "类别", "帮扶类型"));
        COMMON_HEADERS.put("agency", List.of("合作单位", "服务单位", "承办单位", "单位"));
        COMMON_HEADERS.put("activityName", List.of("活动名称", "活动内容", "课程名称", "课程"));
        COMMON_HEADERS.put("phone", List.of("联系电话", "电话", "手机", "手机号"));
        COMMON_HEADERS.put("hours", List.of("时长", "小时", "服务时长", "时长(小时)"));
        COMMON_HEADERS.put("quantity", List.of("数量", "册数"));
        COMMON_HEADERS.put("outcome", List.of("结果", "评估结果", "成效"));
        COMMON_HEADERS.put("notes", List.of("备注", "说明"));
        COMMON_HEADERS.put("gender", List.of("性别"));
        COMMON_HEADERS.put("community", List.of("所属社区", "社区"));
        COMMON_HEADERS.put("correctionType", List.of("矫正类别", "矫正类型"));
        COMMON_HEADERS.put("supervisionStart", List.of("矫正起始日期", "矫正开始日期", "起始日期"));
        COMMON_HEADERS.put("supervisionEnd", List.of("矫正终止日期", "矫正结束日期", "终止日期"));
    }

    static String foldWord(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            }
            if (c == '\u3000' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    static String foldHeader(String s) {
        String r = foldWord(s);
        while (r.endsWith(":")) {
            r = r.substring(0, r.length() - 1);
        }
        return r.replaceAll("\\([^()]*\\)$", "");
    }

    static final class SourceCfg {
        String id;
        String agency;
        boolean roster;
        String defaultCategory;
        final Map<String, String> headerToField = new HashMap<>();
        final Map<String, String> wordToCode = new HashMap<>();
    }

    static final class Directory {
        final Map<String, String> canonical = new HashMap<>();
        final Set<String> partners = new LinkedHashSet<>();
        final Map<String, String> kind = new HashMap<>();
    }

    @SuppressWarnings("unchecked")
    static Directory loadDirectory(Path jobs) throws IOException {
        Map<String, Object> y = new YAMLMapper().readValue(Files.readString(jobs.resolve("agencies.yaml")), Map.class);
        Directory dir = new Directory();
        for (Map<String, Object> a : (List<Map<String, Object>>) y.get("agencies")) {
            String name = (String) a.get("name");
            dir.kind.put(name, (String) a.get("kind"));
            put(dir.canonical, foldWord(name), name);
            for (String alias : (List<String>) a.getOrDefault("aliases", List.of())) {
                put(dir.canonical, foldWord(alias), name);
            }
            if (Boolean.TRUE.equals(a.get("partner"))) {
                dir.partners.add(name);
            }
        }
        check(dir.partners.size() == 19, "agencies.yaml must list exactly 19 partners, has " + dir.partners.size());
        return dir;
    }

    private static void put(Map<String, String> m, String k, String v) {
        String old = m.put(k, v);
        check(old == null || old.equals(v), "alias '" + k + "' names both " + old + " and " + v);
    }

    @SuppressWarnings("unchecked")
    static SourceCfg loadSource(Path jobs, String id, Directory dir) throws IOException {
        Map<String, Object> y = new YAMLMapper()
                .readValue(Files.readString(jobs.resolve("sources").resolve(id + ".yaml")), Map.class);
        for (String key : List.of(
                "id",
                "agency",
                "description",
                "formats",
                "cadence",
                "roster",
                "defaultCategory",
                "encoding",
                "delimiter",
                "datePattern",
                "headers",
                "vocabulary")) {
            check(y.containsKey(key), id + ".yaml lacks key " + key);
        }
        SourceCfg s = new SourceCfg();
        s.id = (String) y.get("id");
        check(id.equals(s.id), id + ".yaml has id " + s.id);
        s.agency = (String) y.get("agency");
        check(dir.kind.containsKey(s.agency), id + ".yaml: agency not canonical: " + s.agency);
        s.roster = Boolean.TRUE.equals(y.get("roster"));
        s.defaultCategory = (String) y.get("defaultCategory");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        COMMON_HEADERS.forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        Map<String, List<String>> extraHeaders = (Map<String, List<String>>) y.get("headers");
        if (extraHeaders != null) {
            extraHeaders.forEach((k, v) -> {
                check(headers.containsKey(k), id + ".yaml: unknown field " + k);
                headers.get(k).addAll(v);
            });
        }
        headers.forEach((field, syns) -> {
            s.headerToField.put(foldHeader(field), field);
            for (String h : syns) {
                s.headerToField.put(foldHeader(h), field);
            }
        });
        Map<String, String> codes = new HashMap<>();
        for (Cat c : CATS) {
            codes.put(c.code(), c.code());
            for (String w : c.words()) {
                s.wordToCode.put(foldWord(w), c.code());
            }
        }
        Map<String, List<String>> vocab = (Map<String, List<String>>) y.get("vocabulary");
        if (vocab != null) {
            vocab.forEach((code, words) -> {
                check(codes.containsKey(code), id + ".yaml: unknown category " + code);
                for (String w : words) {
                    s.wordToCode.put(foldWord(w), code);
                }
            });
        }
        check(s.defaultCategory == null || codes.containsKey(s.defaultCategory), id + ".yaml: bad defaultCategory");
        return s;
    }

    /** A unified record as the check computes it. */
    record Rec(
            String id,
            String name,
            String cat,
            LocalDate date,
            String agency,
            String activity,
            BigDecimal qty,
            String where) {
        String key() {
            return id + "|" + cat + "|" + date + "|" + agency;
        }
    }

    /** What happened to one counted row. */
    static final class RowResult {
        String file;
        String sheet;
        int rowNo;
        String outcome; // A, M, R:CODE, S
        Rec rec;
        String mergedWith;
        String what;
    }

    static final class FileAccount {
        final OutFile file;
        int read;
        int accepted;
        int merged;
        int rejected;
        int skipped;
        final Map<String, Integer> rejectCodes = new TreeMap<>();
        final Map<String, Integer> categories = new LinkedHashMap<>();

        FileAccount(OutFile file) {
            this.file = file;
        }
    }

    static final class Check {
        final Directory dir;
        final Map<String, SourceCfg> sources;
        final Map<String, LocalDate[]> roster = new LinkedHashMap<>();
        final Map<String, RowResult> firstByKey = new LinkedHashMap<>();
        final List<RowResult> results = new ArrayList<>();
        final List<FileAccount> accounts = new ArrayList<>();

        Check(Directory dir, Map<String, SourceCfg> sources) {
            this.dir = dir;
            this.sources = sources;
        }

        void file(OutFile f) {
            SourceCfg src = sources.get(f.source);
            FileAccount acc = new FileAccount(f);
            accounts.add(acc);
            for (Table t : f.tables) {
                int header = findHeader(t, src);
                if (header < 0) {
                    check(t.headerRow < 0, f.relPath() + "/" + t.sheet + ": header not found");
                    continue;
                }
                check(header == t.headerRow, f.relPath() + "/" + t.sheet + ": header found at row " + header);
                Map<Integer, String> cols = new HashMap<>();
                List<Object> h = t.rows.get(header);
                for (int i = 0; i < h.size(); i++) {
                    String field = src.headerToField.get(foldHeader(str(h.get(i))));
                    if (field != null) {
                        cols.put(i, field);
                    }
                }
                for (int r = header + 1; r < t.rows.size(); r++) {
                    RowResult res = row(f, t, r, cols, src);
                    res.file = f.relPath();
                    res.sheet = t.sheet;
                    res.rowNo = rowNo(f, r);
                    results.add(res);
                    String exp = t.expect.get(r);
                    check(
                            res.outcome.equals(exp),
                            f.relPath() + " " + t.sheet + " row " + res.rowNo + ": designed " + exp + " but counted "
                                    + res.outcome + " (" + res.what + ")");
                    acc.read++;
                    switch (res.outcome.charAt(0)) {
                        case 'A' -> acc.accepted++;
                        case 'M' -> acc.merged++;
                        case 'S' -> acc.skipped++;
                        default -> {
                            acc.rejected++;
                            acc.rejectCodes.merge(res.outcome.substring(2), 1, Integer::sum);
                        }
                    }
                    if (res.rec != null) {
                        acc.categories.merge(res.rec.cat(), 1, Integer::sum);
                    }
                }
            }
            check(acc.read == acc.accepted + acc.merged + acc.rejected + acc.skipped, "accounting");
        }

        static int rowNo(OutFile f, int index) {
            return index + 1; // Excel row number; CSV line number (header = line 1); JSON record number (1-based)
        }

        int findHeader(Table t, SourceCfg src) {
            for (int r = 0; r < Math.min(20, t.rows.size()); r++) {
                Set<String> fields = new HashSet<>();
                for (Object c : t.rows.get(r)) {
                    String fld = src.headerToField.get(foldHeader(str(c)));
                    if (fld != null) {
                        fields.add(fld);
                    }
                }
                boolean ok = fields.contains("name")
                        && fields.contains("idNumber")
                        && (src.roster
                                || (fields.contains("date")
                                        && (fields.contains("category") || src.defaultCategory != null)));
                if (ok) {
                    return r;
                }
            }
            return -1;
        }

        RowResult row(OutFile f, Table t, int r, Map<Integer, String> cols, SourceCfg src) {
            RowResult res = new RowResult();
            List<Object> cells = t.rows.get(r);
            boolean allBlank = true;
            for (Object c : cells) {
                String s = str(c);
                if (!s.isBlank()) {
                    allBlank = false;
                }
                String fs = foldWord(s);
                if (fs.startsWith("合计")
                        || fs.startsWith("总计")
                        || fs.startsWith("小计")
                        || fs.startsWith("填表人")
                        || fs.startsWith("审核人")) {
                    res.outcome = "S";
                    res.what = "total / sign-off row: " + s;
                    return res;
                }
            }
            if (allBlank) {
                res.outcome = "S";
                res.what = "blank row";
                return res;
            }
            Map<String, Object> v = new HashMap<>();
            cols.forEach((i, field) -> {
                if (i < cells.size()
                        && cells.get(i) != null
                        && !str(cells.get(i)).isBlank()) {
                    v.put(field, cells.get(i));
                }
            });
            String name = foldWord(str(v.get("name")));
            String rawId = str(v.get("idNumber"));
            res.what = name + " " + mask(normId(rawId));
            List<String> required = src.roster ? List.of("name", "idNumber") : List.of("name", "idNumber", "date");
            for (String req : required) {
                if (!v.containsKey(req)) {
                    return reject(res, "MISSING_FIELD", "no " + req);
                }
            }
            if (!src.roster && !v.containsKey("category") && src.defaultCategory == null) {
                return reject(res, "MISSING_FIELD", "no category");
            }
            String id = normId(rawId);
            String idProblem = idProblem(id);
            if (idProblem != null) {
                return reject(
                        res,
                        idProblem,
                        idProblem.equals("ID_CHECKSUM")
                                ? "check character does not match"
                                : "not a well-formed 18-character number ("
                                        + normId(rawId).length() + " characters)");
            }
            if (src.roster) {
                LocalDate start = (LocalDate) v.get("supervisionStart");
                LocalDate end = (LocalDate) v.get("supervisionEnd");
                roster.put(id, new LocalDate[] {start, end});
                res.outcome = "A";
                res.what = name + " " + mask(id) + " on the roster, " + start + " – " + end;
                return res;
            }
            Object dateRaw = v.get("date");
            LocalDate date;
            if (dateRaw instanceof LocalDate ld) {
                date = ld;
            } else {
                String ds = str(dateRaw).trim();
                Matcher m = Pattern.compile("(\\d{4})(?:[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?|(\\d{2})(\\d{2}))")
                        .matcher(ds);
                if (m.matches()) {
                    int y = Integer.parseInt(m.group(1));
                    int mo = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
                    int da = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(5));
                    try {
                        date = LocalDate.of(y, mo, da);
                    } catch (java.time.DateTimeException e) {
                        return reject(res, "DATE_INVALID", "date " + ds);
                    }
                } else if (ds.matches("\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}")) {
                    return reject(res, "DATE_AMBIGUOUS", "date " + ds);
                } else {
                    return reject(res, "DATE_INVALID", "date " + ds);
                }
            }
            String cat;
            if (v.containsKey("category")) {
                cat = src.wordToCode.get(foldWord(str(v.get("category"))));
                if (cat == null) {
                    return reject(res, "UNKNOWN_CATEGORY", "activity word " + str(v.get("category")));
                }
            } else {
                cat = src.defaultCategory;
            }
            if (v.containsKey("hours")) {
                BigDecimal hours = number(v.get("hours"));
                if (hours == null || hours.signum() < 0) {
                    return reject(res, "VALUE_INVALID", "hours " + str(v.get("hours")));
                }
            }
            BigDecimal qty = BigDecimal.ONE;
            if (v.containsKey("quantity")) {
                qty = number(v.get("quantity"));
                if (qty == null || qty.signum() <= 0 || qty.stripTrailingZeros().scale() > 0) {
                    return reject(res, "VALUE_INVALID", "quantity " + str(v.get("quantity")));
                }
            }
            String agencyRaw = str(v.get("agency")).trim();
            String agency =
                    agencyRaw.isEmpty() ? src.agency : dir.canonical.getOrDefault(foldWord(agencyRaw), agencyRaw);
            check(dir.kind.containsKey(agency), f.relPath() + ": agency not in directory: " + agencyRaw);
            String activity = str(v.get("activityName")).trim();
            Rec rec = new Rec(
                    id, name, cat, date, agency, activity, qty, f.relPath() + " " + t.sheet + " row " + rowNo(f, r));
            res.rec = rec;
            res.what = name + " " + mask(id) + " " + cat + " " + date + " " + agency
                    + (activity.isEmpty() ? "" : " 「" + activity + "」");
            RowResult first = firstByKey.get(rec.key());
            if (first == null) {
                firstByKey.put(rec.key(), res);
                res.outcome = "A";
            } else {
                res.outcome = "M";
                res.mergedWith = "`" + first.file + "` " + sheetLabel(first) + rowLabel(first);
            }
            return res;
        }

        static RowResult reject(RowResult res, String code, String detail) {
            res.outcome = "R:" + code;
            res.what = res.what + " — " + detail;
            return res;
        }

        /** The records (first occurrence of every identity) that statistics count for a year. */
        List<Rec> counted(int year) {
            List<Rec> out = new ArrayList<>();
            for (RowResult r : firstByKey.values()) {
                if (r.rec.date().getYear() == year && roster.containsKey(r.rec.id())) {
                    out.add(r.rec);
                }
            }
            return out;
        }

        Map<String, BigDecimal> statistics(int year) {
            Map<String, BigDecimal> stats = new LinkedHashMap<>();
            List<Rec> recs = counted(year);
            for (Cat c : CATS) {
                List<Rec> mine =
                        recs.stream().filter(x -> x.cat().equals(c.code())).toList();
                BigDecimal value = switch (c.rule()) {
                    case RECORDS -> BigDecimal.valueOf(mine.size());
                    case SUBJECTS ->
                        BigDecimal.valueOf(mine.stream().map(Rec::id).distinct().count());
                    case EVENTS ->
                        BigDecimal.valueOf(mine.stream()
                                .map(x -> x.cat() + "|" + x.date() + "|" + x.agency() + "|" + x.activity())
                                .distinct()
                                .count());
                    case QUANTITY -> mine.stream().map(Rec::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
                };
                stats.put(c.code(), value);
            }
            return stats;
        }
    }

    static String str(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Double dv) {
            return hoursText(dv);
        }
        return o.toString();
    }

    static BigDecimal number(Object o) {
        if (o instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            return new BigDecimal(foldWord(str(o)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String normId(String raw) {
        return foldWord(raw).replace("-", "").toUpperCase();
    }

    static String idProblem(String id) {
        if (!id.matches("\\d{17}[\\dX]")) {
            return "ID_INVALID";
        }
        try {
            LocalDate birth = LocalDate.parse(id.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
            if (birth.getYear() < 1900 || birth.isAfter(LocalDate.of(2025, 12, 31))) {
                return "ID_INVALID";
            }
        } catch (java.time.format.DateTimeParseException e) {
            return "ID_INVALID";
        }
        return checkChar(id.substring(0, 17)) == id.charAt(17) ? null : "ID_CHECKSUM";
    }

    static String mask(String id) {
        if (id == null || id.length() < 6) {
            return "(无效号码)";
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 6) + id.substring(id.length() - 2);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("sample-data check failed: " + message);
        }
    }

    // =====================================================================================
    // main
    // =====================================================================================

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "sample-data");
        Path jobs = Path.of(args.length > 1 ? args[1] : "jobs");
        Directory dir = loadDirectory(jobs);
        List<String> order = List.of("roster", "community", "hospital", "university", "employer", "micro-lesson");
        Map<String, SourceCfg> sources = new LinkedHashMap<>();
        for (String id : order) {
            sources.put(id, loadSource(jobs, id, dir));
        }
        List<OutFile> files = List.of(roster(), community(), hospital(), university(), employer(), microLesson());

        // ---- independent check, before anything is written ----
        Check chk = new Check(dir, sources);
        for (OutFile f : files) {
            chk.file(f);
        }
        Map<String, BigDecimal> stats = chk.statistics(2025);
        for (Cat c : CATS) {
            check(
                    stats.get(c.code()).compareTo(BigDecimal.valueOf(c.target())) == 0,
                    c.code() + " = " + stats.get(c.code()) + ", pilot figure " + c.target());
        }
        List<Rec> counted = chk.counted(2025);
        Set<String> partnersDelivering = new TreeSet<>();
        for (Rec r : counted) {
            if (dir.partners.contains(r.agency())) {
                partnersDelivering.add(r.agency());
            }
        }
        check(
                partnersDelivering.size() == 19,
                "partners delivering counted records: " + partnersDelivering.size() + " " + partnersDelivering);
        // no record of a roster person outside their supervision period (no OUTSIDE_SUPERVISION findings)
        for (RowResult r : chk.firstByKey.values()) {
            LocalDate[] sup = chk.roster.get(r.rec.id());
            if (sup != null) {
                check(
                        !r.rec.date().isBefore(sup[0]) && !r.rec.date().isAfter(sup[1]),
                        "outside supervision: " + r.rec.where());
            }
        }
        check(chk.roster.size() == 14, "roster persons " + chk.roster.size());
        List<RowResult> pending = chk.results.stream()
                .filter(r -> r.outcome.equals("A") && r.rec != null && !chk.roster.containsKey(r.rec.id()))
                .toList();
        check(pending.size() >= 3 && pending.size() <= 5, "pending records " + pending.size());
        check(pending.stream().map(r -> r.rec.id()).distinct().count() == 1, "one pending person");
        check(pending.stream().map(r -> r.rec.cat()).distinct().count() >= 2, "pending categories");
        List<RowResult> merged =
                chk.results.stream().filter(r -> r.outcome.equals("M")).toList();
        long crossMerges = merged.stream()
                .filter(r -> !r.mergedWith.startsWith("`" + r.file + "`"))
                .count();
        check(crossMerges >= 3 && merged.size() - crossMerges >= 1, "merges");
        Set<String> codes = new TreeSet<>();
        chk.results.stream().filter(r -> r.outcome.startsWith("R:")).forEach(r -> codes.add(r.outcome.substring(2)));
        check(
                codes.containsAll(List.of(
                        "MISSING_FIELD",
                        "ID_INVALID",
                        "ID_CHECKSUM",
                        "DATE_AMBIGUOUS",
                        "DATE_INVALID",
                        "UNKNOWN_CATEGORY",
                        "VALUE_INVALID")),
                "reason codes " + codes);
        FileAccount micro = chk.accounts.get(5);
        check(micro.accepted >= 250 && micro.accepted <= 320, "micro-lesson records " + micro.accepted);

        // ---- write ----
        for (OutFile f : files) {
            Path p = out.resolve(f.source).resolve(f.fileName);
            Files.createDirectories(p.getParent());
            byte[] bytes = switch (f.format) {
                case "xlsx" -> xlsx(f);
                case "csv" -> csv(f);
                default -> json(f);
            };
            Files.write(p, bytes);
        }
        String readme = readme(files, chk, stats, partnersDelivering, pending, merged);
        Files.writeString(out.resolve("README.md"), readme, StandardCharsets.UTF_8);

        System.out.println("sample data written to " + out.toAbsolutePath());
        for (FileAccount a : chk.accounts) {
            System.out.printf(
                    "  %-45s read %3d  accepted %3d  merged %d  rejected %d %s  skipped %d%n",
                    a.file.relPath(), a.read, a.accepted, a.merged, a.rejected, a.rejectCodes, a.skipped);
        }
        stats.forEach((k, v) -> System.out.println("  " + k + " = " + v.toPlainString()));
        System.out.println("  partners delivering = " + partnersDelivering.size());
    }

    // =====================================================================================
    // README
    // =====================================================================================

    static String readme(
            List<OutFile> files,
            Check chk,
            Map<String, BigDecimal> stats,
            Set<String> partners,
            List<RowResult> pending,
            List<RowResult> merged) {
        StringBuilder b = new StringBuilder();
        b.append("# Sample data — the pilot year 2025\n\n");
        b.append(
                "Generated by `src/test/java/org/lujing/sampledata/SampleDataGenerator.java` (deterministic: fixed seed, fixed dates, fixed zip timestamps; "
                        + "the same run gives byte-identical files). Do not edit these files by hand — change the generator and run it again:\n\n");
        b.append(
                "```\ncd /work/main\nmvn -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test\n"
                        + "javac -encoding UTF-8 -d /tmp/gen -cp $(cat /tmp/cp.txt) src/test/java/org/lujing/sampledata/SampleDataGenerator.java\n"
                        + "java -cp /tmp/gen:$(cat /tmp/cp.txt) org.lujing.sampledata.SampleDataGenerator sample-data jobs\n```\n\n");
        b.append(
                "Before writing, the generator recounts every row it is about to write with its own small implementation of the rules in "
                        + "`domain.md` — reading header synonyms, vocabulary and the agency directory from `jobs/sources/*.yaml` and `jobs/agencies.yaml` — "
                        + "and throws if any row outcome, any file's accounting or any pilot figure below is off.\n\n");
        b.append(
                "The folders are laid out like the inbox (`inbox/<source>/`), one folder per source of `jobs/sources/`. "
                        + "All people, ID numbers and phone numbers are fictional (ID numbers carry valid GB 11643 check digits). "
                        + "ID numbers below are masked as the product masks them (first 4, last 2).\n\n");

        b.append("## Pilot figures for 2025\n\n");
        b.append(
                "Counted: the records (after merging rows with the same identity — person, category, activity date, delivering agency) "
                        + "dated 2025 whose person is on the roster.\n\n");
        b.append(
                "| category | 中文 | value | unit | counted as | counted records |\n| --- | --- | ---: | --- | --- | ---: |\n");
        List<Rec> counted = chk.counted(2025);
        for (Cat c : CATS) {
            long records =
                    counted.stream().filter(x -> x.cat().equals(c.code())).count();
            String rule = switch (c.rule()) {
                case RECORDS -> "records";
                case SUBJECTS -> "distinct persons";
                case EVENTS -> "distinct events";
                case QUANTITY -> "sum of quantity";
            };
            b.append("| ")
                    .append(c.code())
                    .append(" | ")
                    .append(c.zh())
                    .append(" | ")
                    .append(stats.get(c.code()).toPlainString())
                    .append(" | ")
                    .append(c.unit())
                    .append(" | ")
                    .append(rule)
                    .append(" | ")
                    .append(records)
                    .append(" |\n");
        }
        b.append("\nPartner units delivering at least one counted record: **")
                .append(partners.size())
                .append("** (")
                .append(String.join("、", partners))
                .append(").\n\n");
        b.append("Summary in the style of the situation report: 全年协助调查评估12件，建立矫正小组12个，制定矫正方案12个、重点帮扶方案4个，"
                + "开展结构式访谈12人次、心理测量与评估12人次、团体辅导16人次，组织公益活动46人次、普法活动32人次、教育帮扶8人次，"
                + "发放普法读物30册，帮助摆脱困境2人次，组织招聘会8次、帮助就业4名，开展每周一微课32堂，19家合作单位参与。\n\n");
        b.append("Not counted: ")
                .append(pending.size())
                .append(" records of one person not on the roster (pending identification), ")
                .append(
                        "the out-of-year records listed below, and every rejected row. "
                                + "No counted record lies outside its person's supervision period, so the sample raises no OUTSIDE_SUPERVISION finding.\n\n");

        b.append("## Files and their accounting\n\n");
        b.append(
                "Processing order assumed for which row is \"merged\": roster, community, hospital, university, employer, micro-lesson "
                        + "(alphabetical order gives the same result: the community ledger is always read before the university file). "
                        + "Row numbers are Excel row numbers (1-based, title rows included), CSV line numbers (header = line 1) "
                        + "and JSON record numbers (1-based position in `records`). Title rows above the header and the header itself are not counted.\n\n");
        b.append(
                "| file | rows read | accepted | merged | rejected | skipped |\n| --- | ---: | ---: | ---: | --- | ---: |\n");
        int[] tot = new int[5];
        for (FileAccount a : chk.accounts) {
            StringBuilder rc = new StringBuilder(String.valueOf(a.rejected));
            if (!a.rejectCodes.isEmpty()) {
                rc.append(" (");
                List<String> parts = new ArrayList<>();
                a.rejectCodes.forEach((k, v) -> parts.add(k + (v > 1 ? " ×" + v : "")));
                rc.append(String.join(", ", parts)).append(")");
            }
            b.append("| `")
                    .append(a.file.relPath())
                    .append("` | ")
                    .append(a.read)
                    .append(" | ")
                    .append(a.accepted)
                    .append(" | ")
                    .append(a.merged)
                    .append(" | ")
                    .append(rc)
                    .append(" | ")
                    .append(a.skipped)
                    .append(" |\n");
            tot[0] += a.read;
            tot[1] += a.accepted;
            tot[2] += a.merged;
            tot[3] += a.rejected;
            tot[4] += a.skipped;
        }
        b.append("| **total** | ")
                .append(tot[0])
                .append(" | ")
                .append(tot[1])
                .append(" | ")
                .append(tot[2])
                .append(" | ")
                .append(tot[3])
                .append(" | ")
                .append(tot[4])
                .append(" |\n\n");
        b.append("Every file loads as LOADED_WITH_REJECTS except the micro-lesson feed (LOADED).\n\n");
        for (FileAccount a : chk.accounts) {
            OutFile f = a.file;
            b.append("### `")
                    .append(f.relPath())
                    .append("`\n\n")
                    .append(f.description)
                    .append("\n\n");
            if (!a.categories.isEmpty()) {
                List<String> parts = new ArrayList<>();
                a.categories.forEach((k, v) -> parts.add(k + " " + v));
                b.append("Data rows by category (accepted + merged): ")
                        .append(String.join(", ", parts))
                        .append(".\n\n");
            }
            long sheets = f.tables.stream().filter(t -> t.headerRow >= 0).count();
            if (f.format.equals("xlsx")) {
                List<String> names = new ArrayList<>();
                for (Table t : f.tables) {
                    names.add("「" + t.sheet + "」"
                            + (t.headerRow >= 0 ? " header at row " + (t.headerRow + 1) : " (no table)"));
                }
                b.append("Sheets: ")
                        .append(String.join(", ", names))
                        .append(". Tables read: ")
                        .append(sheets)
                        .append(".\n\n");
            }
            b.append("Rows read ")
                    .append(a.read)
                    .append(" = accepted ")
                    .append(a.accepted)
                    .append(" + merged ")
                    .append(a.merged)
                    .append(" + rejected ")
                    .append(a.rejected)
                    .append(" + skipped ")
                    .append(a.skipped)
                    .append(".\n\n");
        }

        b.append("## Pending identification\n\n");
        RowResult p0 = pending.get(0);
        b.append("**")
                .append(p0.rec.name())
                .append("** (`")
                .append(mask(p0.rec.id()))
                .append("`, a valid ID number that is not on the roster). ")
                .append("These rows are accepted (loaded as unmatched records), are not counted in any statistic, "
                        + "and become an UNMATCHED_SUBJECT finding after the grace period:\n\n");
        for (RowResult r : pending) {
            b.append("- `")
                    .append(r.file)
                    .append("` ")
                    .append(r.sheet.equals("csv") || r.sheet.equals("records") ? "" : "「" + r.sheet + "」 ")
                    .append(rowLabel(r))
                    .append(": ")
                    .append(r.rec.cat())
                    .append(", ")
                    .append(r.rec.date())
                    .append(", ")
                    .append(r.rec.agency())
                    .append("\n");
        }
        b.append("\n## Merged rows (counted once)\n\n");
        for (RowResult r : merged) {
            boolean cross = !r.mergedWith.startsWith("`" + r.file + "`");
            b.append("- ")
                    .append(cross ? "cross-source: " : "in-file duplicate: ")
                    .append("`")
                    .append(r.file)
                    .append("` ")
                    .append(sheetLabel(r))
                    .append(rowLabel(r))
                    .append(" (")
                    .append(r.what)
                    .append(") = first reported in ")
                    .append(r.mergedWith)
                    .append("\n");
        }
        b.append(
                "\nThe cross-source pairs carry the same hours in both files, so they raise no CROSS_SOURCE_CONFLICT.\n\n");
        b.append("## Rejected rows\n\n| file | row | reason | what |\n| --- | --- | --- | --- |\n");
        for (RowResult r : chk.results) {
            if (r.outcome.startsWith("R:")) {
                b.append("| `")
                        .append(r.file)
                        .append("` | ")
                        .append(sheetLabel(r))
                        .append(rowLabel(r))
                        .append(" | ")
                        .append(r.outcome.substring(2))
                        .append(" | ")
                        .append(r.what)
                        .append(" |\n");
            }
        }
        b.append("\n## Out-of-year rows (loaded, not counted in 2025)\n\n");
        for (RowResult r : chk.results) {
            if (r.rec != null && r.rec.date().getYear() != 2025) {
                b.append("- `")
                        .append(r.file)
                        .append("` ")
                        .append(sheetLabel(r))
                        .append(rowLabel(r))
                        .append(": ")
                        .append(r.what)
                        .append(r.outcome.equals("M") ? " (merged)" : "")
                        .append("\n");
            }
        }
        b.append("\n## Skipped rows\n\n");
        for (RowResult r : chk.results) {
            if (r.outcome.equals("S")) {
                b.append("- `")
                        .append(r.file)
                        .append("` ")
                        .append(sheetLabel(r))
                        .append(rowLabel(r))
                        .append(": ")
                        .append(r.what)
                        .append("\n");
            }
        }
        b.append("\nThe community ledger's 合计 row states the number of its data rows (rows read − skipped), "
                + "so it agrees with the file and raises no CONTROL_TOTAL_MISMATCH.\n\n");
        b.append("## Source configuration exercised\n\n");
        b.append(
                "- `hospital`: headers `服务项目` → category, `测评项目` → activityName, `测评结论` → outcome; words `量表测评` → PSYCH_ASSESSMENT, `沙盘团辅` → GROUP_COUNSELLING.\n");
        b.append(
                "- `university`: headers `开展日期` → date, `主题` → activityName; words `法律讲堂` → LEGAL_EDUCATION, `半结构化访谈` → STRUCTURED_INTERVIEW.\n");
        b.append(
                "- `employer`: header `招聘单位` → agency (`用人单位` also configured); words `双选会` → JOB_FAIR, `签约上岗` → EMPLOYMENT.\n");
        b.append("- `community`: words `义务劳动` → PUBLIC_WELFARE, `临时救助` → HARDSHIP_RELIEF.\n");
        b.append("- `micro-lesson`: defaultCategory MICRO_LESSON (the feed has no category field).\n");
        b.append(
                "- Agency aliases used in the files resolve through `jobs/agencies.yaml` (e.g. 工商大学, 湖南工商大学法学院, 拓维信息, 高新区人社局, 人社局, 麓谷律所, 革命历史纪念馆).\n\n");
        b.append("## The roster\n\n| no | name | ID | type | supervision |\n| --- | --- | --- | --- | --- |\n");
        for (int i = 1; i <= 14; i++) {
            Person p = P[i];
            b.append("| ")
                    .append(i)
                    .append(" | ")
                    .append(p.name())
                    .append(" | `")
                    .append(mask(p.id()))
                    .append("` | ")
                    .append(p.type())
                    .append(" | ")
                    .append(p.start())
                    .append(" – ")
                    .append(p.end())
                    .append(" |\n");
        }
        return b.toString();
    }

    static String sheetLabel(RowResult r) {
        return r.sheet.equals("csv") || r.sheet.equals("records") ? "" : "「" + r.sheet + "」 ";
    }

    static String rowLabel(RowResult r) {
        return switch (r.sheet) {
            case "csv" -> "line " + r.rowNo;
            case "records" -> "record " + (r.rowNo - 1);
            default -> "row " + r.rowNo;
        };
    }
}
