package org.lujing.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.lujing.home.LujingProperties;
import org.lujing.ledger.Category;
import org.lujing.normalise.Vocabulary;
import org.lujing.read.Field;
import org.lujing.read.HeaderSynonyms;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The sources configured under {@code jobs/sources/*.yaml}, read once at start-up. */
@Component
public class SourceCatalog {

    private final Path dir;
    private volatile Map<String, SourceDefinition> sources;

    @org.springframework.beans.factory.annotation.Autowired
    public SourceCatalog(LujingProperties properties) {
        this(properties.jobsDir().resolve("sources"));
    }

    public SourceCatalog(Path dir) {
        this.dir = dir;
        this.sources = load(dir);
    }

    /** Reads the definitions again, after an admin edited a mapping or a vocabulary; a broken edit keeps the old ones. */
    public void reload() {
        this.sources = load(dir);
    }

    public Optional<SourceDefinition> find(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    public SourceDefinition get(String id) {
        return find(id).orElseThrow(() -> new UnknownSourceException(id, sources.keySet()));
    }

    public Collection<SourceDefinition> all() {
        return sources.values();
    }

    static Map<String, SourceDefinition> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "在 " + dir.toAbsolutePath()
                            + " 找不到数据来源配置：请在 Lujing 的安装文件夹里运行，或设置环境变量 LUJING_INSTALL_DIR（或 lujing.install-dir / lujing.jobs-dir）"
                            + org.lujing.ledger.Bilingual.SEPARATOR + "no source definitions at " + dir.toAbsolutePath()
                            + ": run Lujing from its installation folder or set LUJING_INSTALL_DIR (or lujing.install-dir / lujing.jobs-dir)");
        }
        ObjectMapper yaml = YAMLMapper.builder().build();
        Map<String, SourceDefinition> result = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList()) {
                JsonNode tree;
                try {
                    tree = yaml.readTree(file.toFile());
                } catch (tools.jackson.core.JacksonException e) {
                    long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
                    String where = line > 0 ? "第 " + line + " 行附近" : "";
                    throw invalid(
                            file,
                            "不是有效的 YAML" + (where.isEmpty() ? "" : "（" + where + "）") + "，请检查缩进、冒号和括号",
                            "is not valid YAML" + (line > 0 ? " (near line " + line + ")" : "") + ": "
                                    + e.getOriginalMessage().lines().findFirst().orElse(""));
                }
                SourceDefinition def = parse(file, tree);
                if (result.put(def.id(), def) != null) {
                    throw invalid(file, "来源 " + def.id() + " 被定义了两次", "source id '" + def.id() + "' is defined twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read source definitions in " + dir, e);
        }
        return result;
    }

    static SourceDefinition parse(Path file, JsonNode node) {
        String fileId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        String id = text(node, "id", fileId);
        if (!id.equals(fileId)) {
            throw invalid(
                    file,
                    "id “" + id + "” 应与文件名 “" + fileId + "” 相同",
                    "id '" + id + "' must equal the file name '" + fileId + "'");
        }
        String agency = text(node, "agency", null);
        if (agency == null) {
            throw invalid(file, "缺少 agency（交来数据的单位）", "'agency' is required");
        }
        List<String> formats = new ArrayList<>();
        node.path("formats").forEach(f -> formats.add(f.asString().toLowerCase(Locale.ROOT)));
        String cadenceText = text(node, "cadence", "none");
        SourceDefinition.Cadence cadence;
        try {
            cadence = SourceDefinition.Cadence.valueOf(cadenceText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(
                    file,
                    "cadence “" + cadenceText + "” 不可用，可选 "
                            + java.util.Arrays.toString(SourceDefinition.Cadence.values())
                                    .toLowerCase(Locale.ROOT),
                    "unknown cadence '" + cadenceText + "'");
        }
        Category defaultCategory = Optional.ofNullable(text(node, "defaultCategory", null))
                .map(code -> Category.fromCode(code)
                        .orElseThrow(() -> invalid(
                                file, "defaultCategory 中的类别 “" + code + "” 不存在", "unknown defaultCategory " + code)))
                .orElse(null);

        Map<Field, List<String>> headers = new EnumMap<>(Field.class);
        node.path("headers").properties().forEach(e -> {
            Field field = Field.fromKey(e.getKey())
                    .orElseThrow(() -> invalid(
                            file,
                            "headers 下的字段 “" + e.getKey() + "” 不存在",
                            "unknown field '" + e.getKey() + "' under headers"));
            headers.put(field, strings(e.getValue()));
        });
        Map<Category, List<String>> words = new EnumMap<>(Category.class);
        node.path("vocabulary").properties().forEach(e -> {
            Category category = Category.fromCode(e.getKey())
                    .orElseThrow(() -> invalid(
                            file,
                            "vocabulary 下的类别 “" + e.getKey() + "” 不存在",
                            "unknown category '" + e.getKey() + "' under vocabulary"));
            words.put(category, strings(e.getValue()));
        });
        return new SourceDefinition(
                id,
                agency,
                text(node, "description", ""),
                List.copyOf(formats),
                cadence,
                node.path("roster").asBoolean(false),
                defaultCategory,
                text(node, "encoding", null),
                text(node, "delimiter", null),
                text(node, "datePattern", null),
                headers,
                words,
                HeaderSynonyms.with(headers),
                Vocabulary.of(words));
    }

    /** A source definition that cannot be taken, named by its file, in Chinese with English after it. */
    private static IllegalStateException invalid(Path file, String zh, String en) {
        String name = "jobs/sources/" + file.getFileName();
        return new IllegalStateException(
                "数据来源配置 " + name + "：" + zh + org.lujing.ledger.Bilingual.SEPARATOR + name + ": " + en);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asString()));
        } else if (!node.isNull() && !node.isMissingNode()) {
            out.add(node.asString());
        }
        return out;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asString().isBlank()) {
            return fallback;
        }
        return v.asString();
    }
}
