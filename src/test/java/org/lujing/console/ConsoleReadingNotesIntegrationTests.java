package org.lujing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lujing.SharedLedgerContext;
import org.lujing.TestHomes;
import org.lujing.ingest.FileIngestService;
import org.lujing.ingest.IngestedFile;
import org.lujing.read.PartnerWorkbooks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The console's file page and the API say, beside the rows they affected, what reading a file decided. */
class ConsoleReadingNotesIntegrationTests extends SharedLedgerContext {

    /** This class's own files, outside the shared home. */
    static final Path FILES = TestHomes.fresh("console-notes");

    static String password;

    @BeforeAll
    static void viewer() {
        password = new UsersFile(HOME.resolve("config/users.yaml")).put("viewer", ConsoleRole.VIEWER);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    FileIngestService ingest;

    @Test
    void aFilesYearAndCategoryDecisionsAreShownOnItsPageAndInTheApi() throws Exception {
        // given: a register kept one sheet per service, dates without a year under a dated title
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "心理测评",
                        s -> s.row("2025年8月心理测评登记")
                                .row("姓名", "身份证号", "日期")
                                .row("张三", PartnerWorkbooks.id("43010419850101123"), "8月5日"))
                .write(FILES.resolve("in/医院登记.xlsx"));
        IngestedFile f = ingest.ingest(file, "hospital").file().orElseThrow();

        // when
        String page = mvc.perform(MockMvcRequestBuilders.get("/files/" + f.id()).with(Viewer.signedIn()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String api = mvc.perform(
                        MockMvcRequestBuilders.get("/api/files/" + f.id()).with(httpBasic("viewer", password)))
                .andReturn()
                .getResponse()
                .getContentAsString();

        // then
        assertThat(page)
                .contains("读取说明")
                .contains("日期缺年份，取自表头 2025年")
                .contains("无类别列，类别取自工作表名「心理测评」：心理测量与评估")
                .contains("第 3 行")
                // the codes are for admins: beside the words as a tooltip, not in the page's text
                .contains("title=\"DATE_YEAR\"")
                .doesNotContain(">DATE_YEAR<")
                .doesNotContain(">CATEGORY_FROM_SHEET<");
        assertThat(api).contains("\"notes\"").contains("DATE_YEAR").contains("CATEGORY_FROM_SHEET");
    }

    @Test
    void aRejectedRowsValuesStandUnderThePartnersOwnTitles() throws Exception {
        // given: a register whose header names a contact with a phone, and a row with a day February lacks
        Path file = PartnerWorkbooks.book()
                .sheet(
                        "心理测评",
                        s -> s.row("2025年心理测评登记")
                                .row("姓名", "身份证号", "日期", "联系人13812345678")
                                .row("李四", PartnerWorkbooks.id("43010419850202123"), "2025-02-30", "王老师"))
                .write(HOME.resolve("in/医院登记-拒收.xlsx"));
        IngestedFile f = ingest.ingest(file, "hospital").file().orElseThrow();
        assertThat(f.rejected()).isEqualTo(1);

        // when
        String page = mvc.perform(MockMvcRequestBuilders.get("/files/" + f.id()).with(Viewer.signedIn()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String api = mvc.perform(
                        MockMvcRequestBuilders.get("/api/files/" + f.id()).with(httpBasic("viewer", password)))
                .andReturn()
                .getResponse()
                .getContentAsString();

        // then each value is named by its title, and the phone in a title is masked everywhere
        assertThat(page)
                .contains("姓名：李四")
                .contains("日期：2025-02-30")
                .contains("联系人138******78：王老师")
                .doesNotContain("13812345678");
        assertThat(api)
                .contains("\"headers\"")
                .contains("\"cells\":[\"姓名\",\"身份证号\",\"日期\",\"联系人138******78\"]")
                .doesNotContain("13812345678");
    }
}
