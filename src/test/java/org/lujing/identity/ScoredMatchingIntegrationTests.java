package org.lujing.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lujing.TestHomes;
import org.lujing.TestLedger;
import org.lujing.identity.match.LabelledRows;
import org.lujing.identity.match.RosterPerson;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.IngestedFile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 13 end to end: rows without a clean ID number are linked by scored matching with their evidence stored,
 * doubtful ones wait in the review queue, an admin's accept and reject there act as `identity link`/`different`, are
 * audited and hold on every later run, and nothing stored or shown carries an ID number or phone in clear.
 *
 * <p>Each test starts from an empty ledger and loads the roster and the rows itself.
 */
@SpringBootTest(properties = {"camel.main.auto-startup=false", "lujing.identity.match.keep-damaged-ids=true"})
@AutoConfigureMockMvc
class ScoredMatchingIntegrationTests {

    static final Path HOME = TestHomes.fresh("scored-matching");

    // the people the rows are about, among 200 generated ones
    static final String LIU = "430104198003120022";
    static final String LIU_PHONE = "13800001111";
    static final String WANG = "430102197511050035";

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("lujing.home", HOME::toString);
    }

    @Autowired
    FileIngestService ingest;

    @Autowired
    IdentityMatcher matcher;

    @Autowired
    IdentityReview review;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    org.lujing.report.ReportService reports;

    @Autowired
    org.lujing.audit.AuditLog audit;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @BeforeEach
    void startFromAnEmptyLedger() {
        TestLedger.empty(jdbcTemplate);
    }

    @Test
    void rowsWithoutACleanIdAreLinkedQueuedOrLeftByTheirScore() throws Exception {
        // when
        IngestedFile f = theRosterAndTheRowsAreLoaded();

        // then
        assertThat(new int[] {f.rowsRead(), f.accepted(), f.rejected()}).containsExactly(6, 6, 0);
        long liu = subjectId("刘海燕");
        long wang = subjectId("王建国");
        assertThat(record("2025-06-01")).containsExactly(liu, "SCORED");
        assertThat(record("2025-06-03")).containsExactly(wang, "SCORED");
        assertThat(record("2025-06-02")).containsExactly(null, null);
        assertThat(record("2025-06-04")).containsExactly(null, null);
        assertThat(record("2025-06-05")).containsExactly(null, null);
        assertThat(record("2025-06-07")).containsExactly(null, null);

        // the evidence of the automatic link: levels and weights, never a value
        List<IdentityReview.Entry> links = review.links();
        IdentityReview.Entry toLiu = links.stream()
                .filter(e -> e.best().subjectId() == liu)
                .findFirst()
                .orElseThrow();
        assertThat(toLiu.best().evidence())
                .contains("\"ID\":[\"ONE_SUBSTITUTION\"", "\"NAME\":[\"SIMPLIFIED\"", "\"PHONE\":[\"EQUAL\"");
        assertThat(toLiu.best().evidenceZh()).contains("身份证号 一位不同", "姓名 繁简相同", "电话 相同");
        assertThat(toLiu.rows().idMasked()).isEqualTo("4301************22");
        assertThat(toLiu.rows().phoneMasked()).isEqualTo("138******11");

        // the ledger workbook: the method in 匹配方式, the evidence in words in its own column 匹配依据
        Path xlsx = reports.writeLedger(org.lujing.ledger.Period.parse("2025"), HOME.resolve("ledger-test"), "zh")
                .get(0);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb =
                new org.apache.poi.xssf.usermodel.XSSFWorkbook(xlsx.toFile())) {
            org.apache.poi.ss.usermodel.Sheet ledger = wb.getSheet("个人台账");
            List<String> header = new ArrayList<>();
            ledger.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            int method = header.indexOf("匹配方式");
            int evidence = header.indexOf("匹配依据");
            assertThat(evidence).isEqualTo(method + 1);
            List<String> scored = new ArrayList<>();
            for (int r = 1; r <= ledger.getLastRowNum(); r++) {
                org.apache.poi.ss.usermodel.Row row = ledger.getRow(r);
                if (row.getCell(method).getStringCellValue().equals("评分匹配")) {
                    scored.add(row.getCell(evidence).getStringCellValue());
                } else {
                    assertThat(row.getCell(evidence).getStringCellValue()).isEmpty();
                }
            }
            assertThat(scored)
                    .hasSize(2)
                    .anySatisfy(e -> assertThat(e)
                            .startsWith("评分 ")
                            .contains("身份证号 一位不同 +", "姓名 繁简相同 +", "电话 相同 +")
                            .doesNotContain(LIU, LIU_PHONE, "430104198003129022"));
        }

        // the sister and the one-digit-away stranger wait for an admin, never linked; the namesake does not even wait
        List<IdentityReview.Entry> queue = review.queue();
        assertThat(queue)
                .extracting(e -> e.rows().name())
                .contains("刘海霞", "刘海燕")
                .doesNotContain("王建国");
        IdentityReview.Entry sister = entryFor(queue, "刘海霞");
        assertThat(sister.best().subjectId()).isEqualTo(liu);
        assertThat(sister.best().evidence()).contains("\"veto\":\"BIRTH_DIFFERENT\"");
        assertThat(sister.best().evidenceZh()).contains("不自动关联");
    }

    @Test
    void anAdminsAcceptAndRejectAreAuditedAndHoldOnEveryLaterRun() throws IOException {
        // given
        theRosterAndTheRowsAreLoaded();
        long liu = subjectId("刘海燕");

        // when
        theAdminHasReviewed();

        // then
        assertThat(record("2025-06-07")).containsExactly(liu, "MANUAL");
        assertThat(record("2025-06-02")).containsExactly(null, null);
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE target LIKE '%(review #%' ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("IDENTITY_DIFFERENT", "IDENTITY_LINK");

        // later runs keep both decisions: the sister is never offered as 刘海燕 again, the link stays
        matcher.rematch();
        matcher.rematch();
        assertThat(record("2025-06-07")).containsExactly(liu, "MANUAL");
        assertThat(record("2025-06-02")).containsExactly(null, null);
        assertThat(review.queue())
                .noneMatch(e -> "刘海霞".equals(e.rows().name()) && e.best().subjectId() == liu);
        // the automatic links stand, with their evidence, once each
        assertThat(review.links()).extracting(e -> e.best().subjectId()).containsOnlyOnce(liu);
    }

    @Test
    void noIdNumberOrPhoneInClearInTheEvidenceTheQueueOrTheReviewPage() throws Exception {
        // given rows linked, queued and decided
        theRosterAndTheRowsAreLoaded();
        theAdminHasReviewed();

        List<String> stored = jdbc.sql("SELECT evidence || COALESCE(second_evidence, '') || why FROM identity_match")
                .query(String.class)
                .list();
        assertThat(stored).isNotEmpty();
        List<String> shown = new ArrayList<>(stored);
        for (IdentityReview.Entry e : review.queue()) {
            shown.add(e.toString());
        }
        for (IdentityReview.Entry e : review.links()) {
            shown.add(e.toString());
        }
        // the console's review page and its API, as an admin sees them
        for (String path : List.of("/identity/review", "/api/identity/review", "/api/identity/review?links=true")) {
            String page = mvc.perform(MockMvcRequestBuilders.get(path)
                            .with(org.springframework.security.test.web.servlet.request
                                    .SecurityMockMvcRequestPostProcessors.user("admin")
                                    .roles("ADMIN", "OPERATOR", "VIEWER")))
                    .andReturn()
                    .getResponse()
                    .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(page).as(path).contains("刘海燕");
            shown.add(page);
        }
        assertThat(shown.get(shown.size() - 3)).contains("4301************22", "138******11", "身份证号 一位不同");
        // a key is shown by its first 12 hex characters, which are now and then all digits: not a number in clear
        List<String> keyPrefixes = jdbc.sql("SELECT DISTINCT SUBSTRING(subject_key, 1, 12) FROM identity_match")
                .query(String.class)
                .list();
        for (String text : shown) {
            String withoutKeys = text;
            for (String prefix : keyPrefixes) {
                withoutKeys = withoutKeys.replace(prefix, "<key>");
            }
            assertThat(text)
                    .doesNotContain(LIU, WANG, LIU_PHONE, "430104198003129022", "430102197511500035", "13500009999");
            assertThat(withoutKeys).doesNotContainPattern("\\d{11,}");
        }
    }

    @org.junit.jupiter.api.Test
    void aDecisionOnAnEntryThatIsNotWaitingIs404() throws Exception {
        var admin = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        "admin")
                .roles("ADMIN", "OPERATOR", "VIEWER");
        var missing = mvc.perform(MockMvcRequestBuilders.post("/api/identity/review/999999/accept")
                        .contentType("application/json")
                        .content("{\"reason\": \"电话核实\"}")
                        .with(admin))
                .andReturn()
                .getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("没有待复核的条目 #999999");
    }

    /** The roster (刘海燕, 王建国 and 200 generated people) and six rows without a clean ID, as a partner sends them. */
    private IngestedFile theRosterAndTheRowsAreLoaded() throws IOException {
        Path dir = TestHomes.fresh("scored-matching-files");
        List<String> roster = new ArrayList<>(
                List.of("姓名,身份证号码,联系电话", "刘海燕," + LIU + "," + LIU_PHONE, "王建国," + WANG + ",13900002222"));
        for (RosterPerson p : LabelledRows.generate(7, 200, 1).roster()) {
            if (!List.of("刘海燕", "王建国", "刘海霞", "赵六", "刘海艳").contains(p.name())) {
                roster.add(p.name() + "," + p.idNumber() + "," + p.phone());
            }
        }
        Files.write(dir.resolve("roster.csv"), roster);
        Files.write(
                dir.resolve("rows.csv"),
                List.of(
                        "日期,姓名,身份证号,联系电话,出生日期,活动类型",
                        // traditional characters, one digit of the ID mistyped, the phone written +86 138-…
                        "2025-06-01,劉海燕,430104198003129022,+86 138-0000-1111,,公益活动",
                        // her sister: one character apart, the family's phone, born another year
                        "2025-06-02,刘海霞,,13800001111,1962-07-01,公益活动",
                        // two digits swapped and nothing else: kept only because keep-damaged-ids is on
                        "2025-06-03,王建国,430102197511500035,,,公益活动",
                        // a namesake's phone nobody on the roster has
                        "2025-06-04,刘海燕,,13500009999,,公益活动",
                        // one digit away from 刘海燕's number, someone else's name
                        "2025-06-05,赵六,430104198003120032,,,公益活动",
                        // her name and a birth date one part off: a clerk would ask
                        "2025-06-07,刘海燕,,,1980-03-21,公益活动"));

        ingest.ingest(dir.resolve("roster.csv"), "roster");
        return ingest.ingest(dir.resolve("rows.csv"), "community").file().orElseThrow();
    }

    /** The admin rejects the sister and accepts the birth-date typo from the review queue. */
    private void theAdminHasReviewed() {
        long liu = subjectId("刘海燕");
        IdentityReview.Entry sister = entryFor(review.queue(), "刘海霞");
        IdentityReview.Entry birthTypo = review.queue().stream()
                .filter(e -> "刘海燕".equals(e.rows().name()) && e.best().subjectId() == liu)
                .findFirst()
                .orElseThrow();
        review.reject(sister.id(), "admin", "她是刘海燕的妹妹", audit::record);
        review.accept(birthTypo.id(), "admin", "生日录错一位，电话核实", audit::record);
    }

    private IdentityReview.Entry entryFor(List<IdentityReview.Entry> queue, String name) {
        return queue.stream()
                .filter(e -> name.equals(e.rows().name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the review queue: " + queue));
    }

    private long subjectId(String name) {
        return jdbc.sql("SELECT MIN(id) FROM subject WHERE name = ?")
                .param(name)
                .query(Long.class)
                .single();
    }

    private List<Object> record(String date) {
        return jdbc.sql("SELECT subject_id, match_method FROM support_record WHERE activity_date = CAST(? AS DATE)")
                .param(date)
                .query((rs, n) -> {
                    List<Object> row = new ArrayList<>();
                    long id = rs.getLong(1);
                    row.add(rs.wasNull() ? null : id);
                    row.add(rs.getString(2));
                    return row;
                })
                .single();
    }
}
