package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.IngestedFile;
import org.lujing.report.ReportLanguage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.json.JsonMapper;

/**
 * A file whose every row was refused: its page counts the rejects by reason and lists them 200 at a time with a next
 * page, and the API pages them too, so neither holds (nor sends) a million rows at once.
 */
class ConsoleRejectPagesIntegrationTests extends SharedLedgerContext {

    static final Path FILES = TestHomes.fresh("console-reject-pages");
    static final int ROWS = 450;

    static String password;

    @BeforeAll
    static void viewer() {
        password = new UsersFile(HOME.resolve("config/users.yaml")).put("viewer", ConsoleRole.VIEWER);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    FileIngestService ingest;

    private IngestedFile everyRowRefused() throws Exception {
        StringBuilder csv = new StringBuilder("日期,姓名,身份证号,活动类型,合作单位\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(java.time.LocalDate.of(2025, 1, 1).plusDays(i % 365))
                    .append(",赵一,430104198001010014,棋艺比赛,湖南工商大学\n");
        }
        Path file =
                Files.writeString(Files.createDirectories(FILES.resolve("in")).resolve("all-refused.csv"), csv);
        IngestedFile f = ingest.ingest(file, "community").file().orElseThrow();
        assertThat(f.rejected()).isEqualTo(ROWS);
        return f;
    }

    private String page(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(Viewer.signedIn()))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void aRetryFromTheFilePageAnswersInChineseWithTheOutcomeCodeBesideItsWord() throws Exception {
        IngestedFile f = everyRowRefused();

        Object done = mvc.perform(MockMvcRequestBuilders.post("/files/" + f.id() + "/retry")
                        .with(SecurityMockMvcRequestPostProcessors.user("admin")
                                .authorities(Stream.of(ConsoleRole.ADMIN.authorities())
                                        .map(SimpleGrantedAuthority::new)
                                        .toList()))
                        .with(SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn()
                .getFlashMap()
                .get("doneText");

        // the word is still unknown: every row stays refused and the file keeps its outcome, said in words
        assertThat(done)
                .asString()
                .isEqualTo("新增 0 · 合并 0 · 跳过 0 · 仍拒收 450 → " + ReportLanguage.ZH.fileOutcome(f.outcome()) + "（"
                        + f.outcome() + "）");
    }

    @Test
    void theFilePageCountsTheRejectsThenListsThem200APage() throws Exception {
        IngestedFile f = everyRowRefused();

        String first = page("/files/" + f.id());

        assertThat(first).contains("共 450 行被拒收过（含已重新处理或关闭的，状态见右列），以下列出前 200 行。").contains("活动类型不在词表中");
        assertThat(rows(first)).isEqualTo(200);
        // the counts table: one reason, one column, all 450
        assertThat(first).containsPattern("id=\"reject-counts\"[\\s\\S]*?>450<");
        // follow "next page" to the end: 200, 200, 50 rows, and no "next" on the last
        List<Integer> sizes = new ArrayList<>(List.of(rows(first)));
        String current = first;
        while (next(current) != null) {
            current = page(next(current));
            sizes.add(rows(current));
            assertThat(current).contains("回到第一页");
        }
        assertThat(sizes).containsExactly(200, 200, 50);
        assertThat(current).contains("共 450 行被拒收过（含已重新处理或关闭的，状态见右列），以下列出 50 行，自原表第 402 行起。");
    }

    @Test
    void theApiPagesTheRejectsAndSaysWhereTheNextPageIs() throws Exception {
        IngestedFile f = everyRowRefused();
        JsonMapper json = JsonMapper.builder().build();

        Map<?, ?> file = json.readValue(api("/api/files/" + f.id()), Map.class);
        assertThat(file.get("rejectCount")).isEqualTo(450);
        assertThat((List<?>) file.get("rejects")).hasSize(450);
        assertThat(file.get("rejectsNext")).isNull();
        // where it is stored: in the home for a viewer, the server's path for an admin only
        assertThat((String) file.get("storedAt"))
                .startsWith("archive/community/")
                .endsWith(".csv")
                .doesNotContain(HOME.toString());
        Map<?, ?> forAdmin = json.readValue(
                mvc.perform(MockMvcRequestBuilders.get("/api/files/" + f.id())
                                .with(SecurityMockMvcRequestPostProcessors.user("admin")
                                        .authorities(Stream.of(ConsoleRole.ADMIN.authorities())
                                                .map(SimpleGrantedAuthority::new)
                                                .toList())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                Map.class);
        assertThat(forAdmin.get("storedAt")).isEqualTo(f.storedPath());
        assertThat(java.nio.file.Path.of(f.storedPath())).isAbsolute();

        List<Integer> sizes = new ArrayList<>();
        List<Object> rowNumbers = new ArrayList<>();
        String next = "/api/files/" + f.id() + "/rejects?limit=200";
        while (next != null) {
            Map<?, ?> page = json.readValue(api(next), Map.class);
            List<?> rejects = (List<?>) page.get("rejects");
            sizes.add(rejects.size());
            rejects.forEach(r -> rowNumbers.add(((Map<?, ?>) r).get("rowNo")));
            next = (String) page.get("next");
        }
        assertThat(sizes).containsExactly(200, 200, 50);
        assertThat(rowNumbers).hasSize(450).doesNotHaveDuplicates();

        var refused = mvc.perform(MockMvcRequestBuilders.get("/api/files/" + f.id() + "/rejects?limit=5000")
                        .with(httpBasic("viewer", password)))
                .andReturn()
                .getResponse();
        // refused with the reason, in the console's language (it was a bare 400)
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"message\":\"limit 须在 1 到 1000 之间，而不是 5000\"")
                .doesNotContain("must be between");
    }

    @Test
    void theApisNextPageOfASheetNamedWithAPlusGoesOnFromWhereThePageEnded() throws Exception {
        // 心理+团辅: the '+' went into `next` as it was, came back a space, and every page was the first one again
        Path xlsx = Files.createDirectories(FILES.resolve("in")).resolve("plus-sheet.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                var out = Files.newOutputStream(xlsx)) {
            var sheet = wb.createSheet("心理+团辅 50%");
            String[] header = {"日期", "姓名", "身份证号", "活动类型", "合作单位"};
            var head = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                head.createCell(c).setCellValue(header[c]);
            }
            for (int i = 1; i <= 250; i++) {
                var row = sheet.createRow(i);
                row.createCell(0).setCellValue("2025-03-" + String.format("%02d", 1 + i % 28));
                row.createCell(1).setCellValue("赵一");
                row.createCell(2).setCellValue("430104198001010014");
                row.createCell(3).setCellValue("棋艺比赛");
                row.createCell(4).setCellValue("湖南工商大学");
            }
            wb.write(out);
        }
        IngestedFile f = ingest.ingest(xlsx, "community").file().orElseThrow();
        assertThat(f.rejected()).isEqualTo(250);
        JsonMapper json = JsonMapper.builder().build();

        List<Object> rowNumbers = new ArrayList<>();
        String next = "/api/files/" + f.id() + "/rejects?limit=100";
        int pages = 0;
        while (next != null && pages++ < 10) {
            // the address exactly as given, not encoded again
            Map<?, ?> page = json.readValue(
                    mvc.perform(MockMvcRequestBuilders.get(java.net.URI.create(next))
                                    .with(httpBasic("viewer", password)))
                            .andReturn()
                            .getResponse()
                            .getContentAsString(),
                    Map.class);
            ((List<?>) page.get("rejects")).forEach(r -> rowNumbers.add(((Map<?, ?>) r).get("rowNo")));
            next = (String) page.get("next");
            if (next != null) {
                assertThat(next).contains("sheet=%E5%BF%83%E7%90%86%2B%E5%9B%A2%E8%BE%85%2050%25&row=");
            }
        }
        assertThat(pages).isEqualTo(3);
        assertThat(rowNumbers).hasSize(250).doesNotHaveDuplicates().contains(2, 251);
    }

    private String api(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(httpBasic("viewer", password)))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static int rows(String html) {
        int start = html.indexOf("id=\"rejects\"");
        if (start < 0) {
            return 0;
        }
        String table = html.substring(start, html.indexOf("</table>", start));
        return table.split("<tr>", -1).length - 2;
    }

    private static String next(String html) {
        Matcher m = Pattern.compile("id=\"rejects-next\" href=\"([^\"]+)\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }
}
