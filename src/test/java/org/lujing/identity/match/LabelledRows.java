package org.lujing.identity.match;

import com.ibm.icu.text.Transliterator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.lujing.normalise.IdNumberNormaliser;

/**
 * A labelled set for scored matching: a roster, and rows as partners type them, each labelled with the person it is
 * about (0 for nobody on the roster) and whether a careful clerk would link it ({@link Label#CERTAIN}), could not be
 * sure ({@link Label#UNSURE}: a link to the right person is fine, to anyone else is false), or would never link it
 * ({@link Label#NEVER}: any automatic link is false). Seeded: the same seed gives the same set.
 */
public final class LabelledRows {

    /** What a careful clerk would do with the row. */
    public enum Label {
        CERTAIN,
        UNSURE,
        NEVER
    }

    /** One labelled row; {@code kind} names the case it was made for. */
    public record Row(String kind, RowTraits traits, long truth, Label label) {}

    static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈"
    };

    /** Given-name characters in groups that sound alike (same toneless pinyin): the homophone typos. */
    static final String[][] SOUNDS = {
        {"燕", "艳", "雁"},
        {"伟", "卫", "维"},
        {"丽", "莉", "立"},
        {"军", "君", "均"},
        {"红", "宏", "鸿"},
        {"明", "鸣", "铭"},
        {"静", "晶", "靖"},
        {"芳", "方"},
        {"杰", "洁", "捷"},
        {"敏", "民"},
        {"平", "萍", "苹"},
        {"玲", "铃", "灵"},
        {"婷", "亭", "庭"},
        {"涛", "滔", "韬"},
        {"斌", "彬", "滨"},
        {"辉", "晖", "挥"},
        {"建", "健", "剑"},
        {"文", "雯", "闻"},
        {"俊", "骏", "峻"},
        {"峰", "锋", "丰"},
        {"鹏", "朋"},
        {"华", "化"},
        {"海"},
        {"国"},
        {"东", "冬"},
        {"龙", "隆"},
        {"凤", "奉"},
        {"兰", "岚", "澜"},
        {"云", "芸", "耘"},
        {"霞", "侠"},
        {"强", "蔷"},
        {"勇", "永", "涌"},
        {"秀", "绣"},
        {"志", "智", "致"},
        {"刚", "钢"},
        {"波", "博"},
        {"宇", "雨", "羽"},
        {"欣", "新", "馨"},
        {"春", "椿"},
        {"梅", "玫", "媚"}
    };

    static final String[] AREAS = {"430104", "430102", "430103", "430105", "430111", "430112", "430121", "430181"};

    private final SplittableRandom random;
    private final List<RosterPerson> roster = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final Set<String> rosterNames = new HashSet<>();
    private final Set<String> usedIds = new HashSet<>();
    private final Map<Long, String[]> siblings = new HashMap<>();
    private final List<long[]> sharedNames = new ArrayList<>();
    private final Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");

    private LabelledRows(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A roster of {@code people} and about {@code perCase} rows of every case. */
    public static LabelledRows generate(long seed, int people, int perCase) {
        LabelledRows set = new LabelledRows(seed);
        set.makeRoster(people);
        set.makeRows(perCase);
        return set;
    }

    public List<RosterPerson> roster() {
        return roster;
    }

    public List<Row> rows() {
        return rows;
    }

    private void makeRoster(int people) {
        for (int i = 1; i <= people; i++) {
            String name = uniqueName();
            roster.add(RosterPerson.of(i, name, newId(), newPhone()));
            rosterNames.add(name);
        }
        // names that two people on the roster share: a second person with the first one's name
        int shared = Math.max(2, people / 40);
        for (int k = 0; k < shared; k++) {
            RosterPerson first = roster.get(random.nextInt(roster.size()));
            long id = roster.size() + 1;
            roster.add(RosterPerson.of(id, first.name(), newId(), newPhone()));
            sharedNames.add(new long[] {first.id(), id});
        }
        // relatives off the roster who share a roster person's phone: one given-name character apart, born elsewhen
        for (int k = 0; k < Math.max(2, people / 20); k++) {
            RosterPerson p = roster.get(random.nextInt(people));
            if (siblings.containsKey(p.id())) {
                continue;
            }
            String sibling = oneCharacterApart(p.name());
            if (sibling != null) {
                siblings.put(p.id(), new String[] {sibling, newId(p.idNumber().substring(0, 6))});
            }
        }
    }

    private void makeRows(int n) {
        int people = roster.size();
        for (int i = 0; i < n; i++) {
            RosterPerson p = person();
            add("ID one substitution", new RowTraits(p.name(), substitute(p.idNumber()), null, null), p, Label.CERTAIN);
            p = person();
            add("ID transposition", new RowTraits(p.name(), transpose(p.idNumber()), null, null), p, Label.CERTAIN);
            p = person();
            add("ID legacy 15", new RowTraits(spaced(p.name()), legacy(p.idNumber()), null, null), p, Label.CERTAIN);
            p = person();
            add(
                    "ID rounded by Excel",
                    new RowTraits(p.name(), rounded(p.idNumber(), 15), null, null),
                    p,
                    Label.CERTAIN);
            p = personWithTraditional();
            add(
                    "traditional name, phone",
                    new RowTraits(traditional(p.name()), null, plus86(p.phone()), null),
                    p,
                    Label.CERTAIN);
            p = personWithHomophone();
            add(
                    "homophone, ID one substitution",
                    new RowTraits(homophone(p.name()), substitute(p.idNumber()), null, null),
                    p,
                    Label.CERTAIN);
            p = person();
            add(
                    "full-width and spaces, +86 phone, birth",
                    new RowTraits(fullWidth(p.name()), null, plus86(p.phone()), p.birth()),
                    p,
                    Label.CERTAIN);
            p = person();
            add("phone slip, birth", new RowTraits(p.name(), null, slip(p.phone()), p.birth()), p, Label.CERTAIN);
            p = personWithHomophone();
            add(
                    "homophone, phone, birth",
                    new RowTraits(homophone(p.name()), null, p.phone(), p.birth()),
                    p,
                    Label.CERTAIN);
            p = personWithTraditional();
            add(
                    "traditional name, ID transposition",
                    new RowTraits(traditional(p.name()), transpose(p.idNumber()), null, null),
                    p,
                    Label.CERTAIN);
            long[] pair = sharedNames.get(random.nextInt(sharedNames.size()));
            p = roster.get((int) pair[random.nextInt(2)] - 1);
            add(
                    "shared name, ID one substitution",
                    new RowTraits(p.name(), substitute(p.idNumber()), null, null),
                    p,
                    Label.CERTAIN);
            p = person();
            add(
                    "name, rounded 4.30104E+17, phone",
                    new RowTraits(p.name(), rounded(p.idNumber(), 6), p.phone(), null),
                    p,
                    Label.CERTAIN);

            // a clerk could not be sure
            if (i % 3 == 0) {
                p = personWithHomophone();
                add(
                        "homophone, phone only",
                        new RowTraits(homophone(p.name()), null, p.phone(), null),
                        p,
                        Label.UNSURE);
                p = person();
                add("name, birth one part", new RowTraits(p.name(), null, null, onePart(p.birth())), p, Label.UNSURE);
                p = roster.get((int) sharedNames.get(random.nextInt(sharedNames.size()))[0] - 1);
                add("shared name, other phone", new RowTraits(p.name(), null, newPhone(), null), p, Label.UNSURE);
            }

            // a clerk would never link
            p = person();
            add(
                    "namesake off the roster",
                    new RowTraits(p.name(), substitute(newId()), newPhone(), birth(newId())),
                    null,
                    Label.NEVER);
            p = person();
            add("namesake, birth only", new RowTraits(p.name(), null, null, birth(newId())), null, Label.NEVER);
            Map.Entry<Long, String[]> sib = sibling();
            p = roster.get((int) (long) sib.getKey() - 1);
            add(
                    "relative sharing the phone",
                    new RowTraits(sib.getValue()[0], null, p.phone(), birth(sib.getValue()[1])),
                    null,
                    Label.NEVER);
            sib = sibling();
            p = roster.get((int) (long) sib.getKey() - 1);
            add(
                    "relative sharing the phone, own ID mistyped",
                    new RowTraits(sib.getValue()[0], substitute(sib.getValue()[1]), plus86(p.phone()), null),
                    null,
                    Label.NEVER);
            sib = sibling();
            p = roster.get((int) (long) sib.getKey() - 1);
            add(
                    "relative sharing the phone, no birth",
                    new RowTraits(sib.getValue()[0], null, p.phone(), null),
                    null,
                    Label.NEVER);
            p = person();
            add(
                    "ID one digit away, another name",
                    new RowTraits(uniqueName(), substitute(p.idNumber()), null, null),
                    null,
                    Label.NEVER);
            p = roster.get((int) sharedNames.get(random.nextInt(sharedNames.size()))[1] - 1);
            add("shared name, nothing else", new RowTraits(p.name(), null, null, null), null, Label.NEVER);
        }
        if (people != roster.size()) {
            throw new IllegalStateException("the roster changed while rows were made");
        }
    }

    private void add(String kind, RowTraits traits, RosterPerson truth, Label label) {
        rows.add(new Row(kind, traits, truth == null ? 0 : truth.id(), label));
    }

    private RosterPerson person() {
        return roster.get(random.nextInt(roster.size()));
    }

    private RosterPerson personWithTraditional() {
        for (int tries = 0; ; tries++) {
            RosterPerson p = person();
            if (!traditional(p.name()).equals(p.name()) || tries > 1000) {
                return p;
            }
        }
    }

    private RosterPerson personWithHomophone() {
        for (int tries = 0; ; tries++) {
            RosterPerson p = person();
            if (!homophone(p.name()).equals(p.name()) || tries > 1000) {
                return p;
            }
        }
    }

    private Map.Entry<Long, String[]> sibling() {
        List<Map.Entry<Long, String[]>> all = new ArrayList<>(siblings.entrySet());
        all.sort(Map.Entry.comparingByKey());
        return all.get(random.nextInt(all.size()));
    }

    private String uniqueName() {
        for (; ; ) {
            StringBuilder name = new StringBuilder(SURNAMES[random.nextInt(SURNAMES.length)]);
            int given = random.nextInt(10) < 7 ? 2 : 1;
            for (int g = 0; g < given; g++) {
                String[] group = SOUNDS[random.nextInt(SOUNDS.length)];
                name.append(group[random.nextInt(group.length)]);
            }
            if (!rosterNames.contains(name.toString())) {
                return name.toString();
            }
        }
    }

    private String oneCharacterApart(String name) {
        for (int tries = 0; tries < 50; tries++) {
            String[] group = SOUNDS[random.nextInt(SOUNDS.length)];
            String c = group[random.nextInt(group.length)];
            String other = name.substring(0, name.length() - 1) + c;
            if (!other.equals(name)
                    && !NameKey.of(other).pinyin().equals(NameKey.of(name).pinyin())
                    && !rosterNames.contains(other)) {
                return other;
            }
        }
        return null;
    }

    private String newId() {
        return newId(AREAS[random.nextInt(AREAS.length)]);
    }

    private String newId(String area) {
        for (; ; ) {
            LocalDate birth = LocalDate.of(1955, 1, 1).plusDays(random.nextInt(365 * 50));
            String first17 = area + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
            String id = first17 + IdNumberNormaliser.checkChar(first17);
            if (usedIds.add(id)) {
                return id;
            }
        }
    }

    private String newPhone() {
        String[] prefixes = {"138", "139", "137", "150", "151", "158", "186", "187", "173", "199"};
        return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
    }

    private String substitute(String id) {
        int at = random.nextInt(17);
        char c = id.charAt(at);
        char other;
        do {
            other = (char) ('0' + random.nextInt(10));
        } while (other == c);
        return id.substring(0, at) + other + id.substring(at + 1);
    }

    private String transpose(String id) {
        for (; ; ) {
            int at = random.nextInt(16);
            if (id.charAt(at) != id.charAt(at + 1)) {
                return id.substring(0, at) + id.charAt(at + 1) + id.charAt(at) + id.substring(at + 2);
            }
        }
    }

    static String legacy(String id) {
        return id.substring(0, 6) + id.substring(8, 17);
    }

    /** What Excel keeps of an ID number stored as a number: {@code digits} significant digits, as the reader records it. */
    static String rounded(String id, int digits) {
        BigDecimal n = new BigDecimal(id.substring(0, 17) + (id.charAt(17) == 'X' ? "0" : id.substring(17)));
        String kept = n.round(new MathContext(digits, RoundingMode.HALF_UP))
                .unscaledValue()
                .toString();
        return "~" + kept;
    }

    private String slip(String phone) {
        int at = 3 + random.nextInt(8);
        char c = phone.charAt(at);
        char other = (char) ('0' + (c - '0' + 1 + random.nextInt(9)) % 10);
        return phone.substring(0, at) + other + phone.substring(at + 1);
    }

    private String plus86(String phone) {
        return "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
    }

    private String spaced(String name) {
        return " " + String.join(" ", name.split("")) + " ";
    }

    private String fullWidth(String name) {
        return "\u3000" + name.charAt(0) + "\u3000" + name.substring(1) + " ";
    }

    private String traditional(String name) {
        return toTraditional.transliterate(name);
    }

    private String homophone(String name) {
        for (int at = name.length() - 1; at >= 1; at--) {
            String c = name.substring(at, at + 1);
            for (String[] group : SOUNDS) {
                if (group.length > 1 && List.of(group).contains(c)) {
                    String other = group[(List.of(group).indexOf(c) + 1) % group.length];
                    String typo = name.substring(0, at) + other + name.substring(at + 1);
                    if (NameKey.of(typo).pinyin().equals(NameKey.of(name).pinyin())) {
                        return typo;
                    }
                }
            }
        }
        return name;
    }

    private LocalDate onePart(LocalDate birth) {
        return switch (random.nextInt(3)) {
            case 0 -> birth.withYear(birth.getYear() + 1 + random.nextInt(3));
            case 1 -> birth.withDayOfMonth(birth.getDayOfMonth() == 1 ? 2 : 1);
            default ->
                birth.withMonth(birth.getMonthValue() % 12 + 1).withDayOfMonth(Math.min(birth.getDayOfMonth(), 28));
        };
    }

    private static LocalDate birth(String id) {
        return RosterPerson.birthOf(id);
    }
}
