package org.lujing.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.SourceSummary;
import org.lujing.ledger.Category;
import org.lujing.report.ReportLanguage;
import org.lujing.report.TextTable;
import org.lujing.source.SourceCatalog;
import org.lujing.source.SourceDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sources [--json]}: the partner sources as configured, what each sent, and the words they sent that no
 * category maps, with where and how to map them — the console's Sources page for an admin at a terminal.
 */
@Command(
        name = "sources",
        description = "The sources: formats, cadence, files received, and the words sent that no category maps.")
class SourcesCommand implements Callable<Integer> {

    @Mixin
    HomeOptions options;

    @Option(names = "--json", description = "Print a JSON array (the shape of GET /api/sources) and nothing else.")
    boolean json;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Boot.start(options.home, false, options.verbose)) {
            SourceCatalog sources = context.getBean(SourceCatalog.class);
            FileRegistry registry = context.getBean(FileRegistry.class);
            List<FileRegistry.UnmappedWord> unmapped = registry.unmappedWords();
            Map<String, FileRegistry.SourceFiles> files = registry.filesBySource();
            if (json) {
                System.out.println(Json.write(sources.all().stream()
                        .map(s -> SourceSummary.json(s, unmapped, files.get(s.id())))
                        .toList()));
                return 0;
            }
            ReportLanguage lang = CliWords.lang();
            TextTable t = CliWords.table(
                    "来源 source", "单位 agency", "格式 formats", "周期 cadence", "文件 files", "最近收到 last received");
            for (SourceDefinition s : sources.all()) {
                FileRegistry.SourceFiles f = files.get(s.id());
                t.row(
                        s.id(),
                        s.agency(),
                        String.join(", ", s.formats()),
                        lang.cadence(s.cadence().name()),
                        Long.toString(f == null ? 0 : f.files()),
                        f == null ? "—" : CliWords.time(f.lastReceived()));
            }
            System.out.print(t.render());
            System.out.println();
            if (unmapped.isEmpty()) {
                System.out.println(lang.pick(
                        "没有未映射的词：每个来源交来的活动类型都对得上类别。",
                        "No unmapped word: every activity type the sources sent maps to a category."));
                return 0;
            }
            System.out.println(lang.pick(
                    "未映射的词（交来了，但不在任何类别的词表中；这些行已拒收为 UNKNOWN_CATEGORY）：",
                    "Unmapped words (sent, but in no category's vocabulary; their rows were rejected as"
                            + " UNKNOWN_CATEGORY):"));
            TextTable words = CliWords.table("来源 source", "词 word", "出现次数 seen", "最近文件 last file");
            for (FileRegistry.UnmappedWord u : unmapped) {
                words.row(
                        u.sourceId(),
                        u.word(),
                        Long.toString(u.seen()),
                        u.lastFileId() == null ? "—" : "#" + u.lastFileId());
            }
            System.out.print(words.render());
            System.out.println();
            System.out.println(lang.pick(
                    "映射方法：在 jobs/sources/<来源>.yaml 的 vocabulary 下把词加到对应类别，例如",
                    "To map one: add it under vocabulary in jobs/sources/<source>.yaml, to its category, e.g."));
            System.out.println("  vocabulary:");
            System.out.println("    " + lang.pick("<类别代码>", "<CATEGORY>") + ": ["
                    + unmapped.get(0).word() + "]");
            System.out.println(lang.pick(
                    "保存后（serve 运行时在控制台「数据来源」页点“重新加载”），运行 `rejects retry --file 编号` 重新处理这些行。类别：",
                    "then (while serve runs, press Reload on the console's Sources page) run `rejects retry --file ID`"
                            + " for those rows. The categories:"));
            StringBuilder categories = new StringBuilder("  ");
            for (Category c : Category.values()) {
                categories
                        .append(categories.length() > 2 ? "、" : "")
                        .append(c.name())
                        .append(' ')
                        .append(lang.category(c));
            }
            System.out.println(categories);
            boolean capped = unmapped.stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            FileRegistry.UnmappedWord::sourceId, java.util.stream.Collectors.counting()))
                    .values()
                    .stream()
                    .anyMatch(n -> n >= FileRegistry.MAX_UNMAPPED_WORDS);
            if (capped) {
                System.out.println(lang.pick(
                        "（每个来源最多保留 " + FileRegistry.MAX_UNMAPPED_WORDS + " 个未映射的词）",
                        "(at most " + FileRegistry.MAX_UNMAPPED_WORDS + " unmapped words are kept per source)"));
            }
        }
        return 0;
    }
}
