package org.lujing.report.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a report's mail says, and how the mail settings are checked and turned into a secured connection. */
class ReportMailerTests {

    @Test
    void subjectsNameTheReportAndItsPeriod() {
        assertThat(subject("2025/statistics-2025.xlsx")).isEqualTo("[P] 统计报表 2025 / Statistics 2025");
        assertThat(subject("2025-03-01_2025-06-30/ledger-2025-03-01_2025-06-30.xlsx"))
                .isEqualTo("[P] 个人台账 2025-03-01..2025-06-30 / Ledger 2025-03-01..2025-06-30");
        assertThat(subject("2025-11-27/findings-2025-11-27.xlsx"))
                .isEqualTo("[P] 核查发现 2025-11-27 / Findings 2025-11-27");
        assertThat(subject("findings/findings-current.xlsx")).isEqualTo("[P] 核查发现 / Findings");
        // the nightly quality report has no period in its name: the night's folder gives it
        assertThat(subject("2025-11-27/quality.xlsx")).isEqualTo("[P] 数据质量报告 2025-11-27 / Data quality 2025-11-27");
        assertThat(subject("quality/quality.xlsx")).isEqualTo("[P] 数据质量报告 / Data quality");
        assertThat(subject("hand/notes.xlsx")).isEqualTo("[P] 报表 / Report");
    }

    @Test
    void aReportTooLargeToAttachIsPointedToInTheOutbox() {
        var name = ReportMailer.ReportName.of("2025/ledger-2025.xlsx");
        String attached = ReportMailer.body(name, "ledger-2025.xlsx", null);
        String pointed = ReportMailer.body(name, "ledger-2025.xlsx", "outbox/2025/ledger-2025.xlsx");

        assertThat(attached)
                .contains("附件为", "Attached is the ledger report (2025)", "已脱敏", "masked")
                .doesNotContain("outbox/");
        assertThat(pointed)
                .contains("未随邮件发送", "outbox/2025/ledger-2025.xlsx", "too large to mail")
                .doesNotContain("附件为");
    }

    @Test
    void starttlsIsRequiredNotOpportunisticAndSslIsTlsFromTheStart() {
        Properties starttls = ReportDeliveryConfiguration.javaMailProperties(settings("starttls", "a@x.test"));
        Properties ssl = ReportDeliveryConfiguration.javaMailProperties(settings("ssl", "a@x.test"));
        Properties none = ReportDeliveryConfiguration.javaMailProperties(settings("none", "a@x.test"));

        assertThat(starttls)
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
        assertThat(ssl).containsEntry("mail.smtp.ssl.enable", "true").doesNotContainKey("mail.smtp.starttls.required");
        assertThat(none).doesNotContainKeys("mail.smtp.ssl.enable", "mail.smtp.starttls.required");
        assertThat(none).containsEntry("mail.smtp.timeout", "30000").containsEntry("mail.smtp.writetimeout", "30000");
    }

    @Test
    void aHostWithoutRecipientsOrWithAnUnknownSecurityIsRefusedAtStart() {
        assertThatThrownBy(() -> settings("starttls", " , ")).hasMessageContaining("lujing.reports.mail.to is empty");
        assertThatThrownBy(() -> settings("tls", "a@x.test"))
                .hasMessageContaining("lujing.reports.mail.security must be one of [starttls, ssl, none], was 'tls'");
        // without a host nothing is checked: a home without mail starts whatever the other keys say
        assertThat(new ReportMailSettings("", 0, "tls", "", "", "", "", "", 1, 0, 0, 0, 0).enabled())
                .isFalse();
    }

    @Test
    void thePasswordNeverShowsInTheSettingsText() {
        var s = new ReportMailSettings(
                "smtp.x.test", 587, "starttls", "me", "hunter2", "me@x.test", "a@x.test", "", 1, 0, 0, 0, 0);
        assertThat(s.toString()).doesNotContain("hunter2").contains("smtp.x.test");
    }

    private static String subject(String path) {
        return ReportMailer.subject("[P]", ReportMailer.ReportName.of(path));
    }

    private static ReportMailSettings settings(String security, String to) {
        return new ReportMailSettings(
                "smtp.x.test", 587, security, "", "", "lujing@x.test", to, "[P]", 1024, 3, 2000, 600000, 30000);
    }
}
