package org.lujing.report;

import java.util.ArrayList;
import java.util.List;
import org.lujing.source.SourceCatalog;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the detail workbooks say instead of codes: a source by its agency's name ({@code community} →
 * 麓景社区居委会), a rejected row's stored values as cells, numbers read from a spreadsheet without their {@code .0}.
 */
@Component
class ReportWords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SourceCatalog sources;

    ReportWords(SourceCatalog sources) {
        this.sources = sources;
    }

    /** The source's agency, as its definition names it; the id when the source is no longer defined. */
    String source(String id) {
        if (id == null) {
            return "";
        }
        return sources.find(id).map(s -> s.agency()).filter(a -> !a.isBlank()).orElse(id);
    }

    /**
     * A rejected row's stored message ({@code 中文 / English}) in the report's language, whole numbers without
     * {@code .0}, and in Chinese the source's id ({@code 不在来源 community 的词表中}) as its agency's name.
     */
    String rejectMessage(String message, String sourceId, ReportLanguage lang) {
        return lang.rejectMessage(message, sourceId, sourceId == null ? null : source(sourceId));
    }

    /**
     * A rejected row's masked values, stored as a JSON array of its cells (or an object of header → value), as one
     * string per cell; the stored text as one cell when it is not JSON.
     */
    static List<String> values(String maskedJson) {
        List<String> out = new ArrayList<>();
        if (maskedJson == null || maskedJson.isBlank()) {
            return out;
        }
        try {
            JsonNode node = JSON.readTree(maskedJson);
            if (node.isArray()) {
                node.forEach(v -> out.add(v.isNull() ? "" : ReportLanguage.wholeNumbers(v.asString())));
                return out;
            }
            if (node.isObject()) {
                node.properties()
                        .forEach(e -> out.add(e.getKey() + "："
                                + (e.getValue().isNull()
                                        ? ""
                                        : ReportLanguage.wholeNumbers(
                                                e.getValue().asString()))));
                return out;
            }
        } catch (RuntimeException e) {
            // not JSON: shown as stored
        }
        out.add(maskedJson);
        return out;
    }
}
