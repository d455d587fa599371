package org.lujing.console;

import org.lujing.report.ReportLanguage;
import org.lujing.source.SourceCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The console's words for codes, in the page's language: file outcomes, job and step names and statuses, rules,
 * severities, finding and reject statuses, reject reasons, audit actions, sources. Templates call it as
 * {@code ${@words.outcome(f.outcome)}} and keep the code in the element's {@code title} for admins, so the page's
 * text is one language and the codes are a hover away.
 */
@Component("words")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class Words {

    private final SourceCatalog sources;
    private final org.lujing.operations.JobQueries jobs;
    private final ReaderPaths paths;

    Words(SourceCatalog sources, org.lujing.operations.JobQueries jobs, ReaderPaths paths) {
        this.paths = paths;
        this.sources = sources;
        this.jobs = jobs;
    }

    private static ReportLanguage lang() {
        return ReportLanguage.of(LocaleContextHolder.getLocale());
    }

    public String outcome(String code) {
        return "FAILED".equals(code) ? lang().pick("未能入库", "Could not be ingested") : lang().fileOutcome(code);
    }

    public String jobStatus(String code) {
        return lang().jobStatus(code);
    }

    public String job(String code) {
        return lang().jobName(code);
    }

    public String step(String code) {
        return lang().stepName(code);
    }

    public String rule(String code) {
        return lang().ruleName(code);
    }

    public String severity(String code) {
        return lang().severity(code);
    }

    public String findingStatus(Object code) {
        return lang().findingStatus(code == null ? null : code.toString());
    }

    public String rejectStatus(String code) {
        return lang().rejectStatus(code);
    }

    public String reason(String code) {
        return lang().reasonName(code);
    }

    /** A rejected row's message (the reason's advice, or a sentence of its own) in the page's language. */
    public String rejectMessage(String message) {
        return lang().rejectMessage(message);
    }

    /** As {@link #rejectMessage(String)}, the source named by its agency rather than its id. */
    public String rejectMessage(String message, String sourceId) {
        return lang().rejectMessage(message, sourceId, sourceId == null ? null : source(sourceId));
    }

    public String audit(String code) {
        return lang().auditAction(code);
    }

    /**
     * A finding's details in the page's language: one half of a bilingual sentence, or an old English-only one said
     * again in Chinese from its rule's parameters.
     */
    public String details(String rule, String details) {
        return org.lujing.reconcile.FindingDetails.render(rule, details, lang() == ReportLanguage.ZH);
    }

    /** An audit entry's target or details in the page's language (see {@link org.lujing.audit.AuditText}). */
    public String auditText(String text) {
        ReportLanguage lang = lang();
        return org.lujing.audit.AuditText.render(text, lang == ReportLanguage.ZH, lang::jobName);
    }

    /**
     * An execution's parameters ({@code night=2025-04-30, step=reports}) in the page's language: each name in words,
     * a nightly step and a source by their names ({@code 夜间日期 2025-04-30 · 步骤 生成报表}); English as stored.
     */
    public String parameters(String parameters) {
        return JobParametersText.render(parameters, lang(), this::source);
    }

    /** A category code ({@code LEGAL_EDUCATION}) as its name (普法活动); anything else as it is. */
    public String category(Object code) {
        if (code == null) {
            return "";
        }
        try {
            return lang().category(org.lujing.ledger.Category.valueOf(code.toString()));
        } catch (IllegalArgumentException e) {
            return code.toString();
        }
    }

    /** How often a source delivers ({@code MONTHLY}, {@code WEEKLY}, {@code NONE}). */
    public String cadence(Object code) {
        return lang().cadence(code == null ? "" : code.toString());
    }

    /** A row field of a source definition ({@code ACTIVITY_NAME}) by its usual header (活动名称). */
    public String field(Object code) {
        if (code == null) {
            return "";
        }
        try {
            org.lujing.read.Field f = org.lujing.read.Field.valueOf(code.toString());
            return lang() == ReportLanguage.ZH ? f.commonHeaders().get(0) : f.key();
        } catch (IllegalArgumentException e) {
            return code.toString();
        }
    }

    /**
     * Why a failed or stopped job execution ended, in the page's language: the job's name and the exception's own
     * sentence, never the first line of a stack trace as the job repository keeps it.
     */
    public String failure(org.lujing.operations.JobQueries.Execution e) {
        JobsController.Explanation why = JobsController.explain(
                JobsController.withStepMessage(e, () -> jobs.steps(e.id())), LocaleContextHolder.getLocale());
        return why == null ? "" : paths.forReader(why.what());
    }

    /** An execution's parameters as stored ({@code file=…, source=…}), for the title: server paths are admins'. */
    public String rawParameters(String parameters) {
        return paths.forReader(parameters);
    }

    /**
     * A stored message (a file's, a failed drop's reason) in the page's language; the files it names where they lie in
     * the home, for non-admins.
     */
    public String message(String message) {
        return paths.forReader(text(message));
    }

    /** A text stored as {@code 中文 ‖ English} in the page's language. */
    public String text(String text) {
        return lang().oneLanguage(text);
    }

    /** A source by its agency's name (the id stays in the title): 湖南航天医院, not hospital. */
    public String source(String id) {
        if (id == null) {
            return "";
        }
        return sources.find(id).map(s -> s.agency()).orElse(id);
    }

    /**
     * Where a quarantined file was dropped, in words: a source's agency; the inbox's own folder (quarantine/inbox/:
     * dropped beside the source folders); or a folder no source names.
     */
    public String quarantineSource(String folder) {
        if (folder == null) {
            return "";
        }
        if (sources.find(folder).isPresent()) {
            return source(folder);
        }
        return "inbox".equals(folder)
                ? lang().pick("收件箱根目录（不在任何来源的文件夹中）", "the inbox itself (in no source's folder)")
                : lang().pick("没有对应来源的文件夹「" + folder + "」", "folder '" + folder + "', which no source names");
    }

    /**
     * A rejected row's masked values under its sheet's header as the partner wrote it: 姓名：马俊 · 日期：03/07/2025,
     * empty cells left out; a cell without a title (or a row whose header was not kept) shows its value alone.
     */
    public String values(String maskedJson, org.lujing.read.SheetHeader header) {
        if (header == null || maskedJson == null || maskedJson.isBlank()) {
            return values(maskedJson);
        }
        try {
            tools.jackson.databind.JsonNode node =
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(maskedJson);
            if (!node.isArray()) {
                return values(maskedJson);
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String v = node.get(i).isNull() ? "" : node.get(i).asString();
                if (v.isBlank()) {
                    continue;
                }
                String title = i < header.cells().size() ? header.cells().get(i) : "";
                v = org.lujing.report.ReportLanguage.wholeNumbers(v);
                parts.add(title.isBlank() ? v : title + "：" + v);
            }
            return String.join(" · ", parts);
        } catch (RuntimeException e) {
            return maskedJson;
        }
    }

    /**
     * A rejected row's masked values, stored as a JSON array, as one readable line: the cells joined by " · ",
     * empty cells left out.
     */
    public String values(String maskedJson) {
        if (maskedJson == null || maskedJson.isBlank()) {
            return "";
        }
        try {
            tools.jackson.databind.JsonNode node =
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(maskedJson);
            if (!node.isArray() && !node.isObject()) {
                return maskedJson;
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (node.isObject()) {
                node.properties().forEach(e -> {
                    String v = e.getValue().isNull() ? "" : e.getValue().asString();
                    if (!v.isBlank()) {
                        parts.add(e.getKey() + "：" + org.lujing.report.ReportLanguage.wholeNumbers(v));
                    }
                });
            } else {
                node.forEach(v -> {
                    String t = v.isNull() ? "" : v.asString();
                    if (!t.isBlank()) {
                        parts.add(org.lujing.report.ReportLanguage.wholeNumbers(t));
                    }
                });
            }
            return String.join(" · ", parts);
        } catch (RuntimeException e) {
            return maskedJson;
        }
    }
}
