package org.lujing.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.source.SourceDefinition;

/**
 * A source as {@code GET /api/sources} and {@code sources --json} give it: its definition, what it sent (files, the
 * last one's time) and the words it sent that no category maps — what an admin adds to its YAML.
 */
public final class SourceSummary {

    private SourceSummary() {}

    /** The JSON object of one source; {@code files} null when it never sent one. */
    public static Map<String, Object> json(
            SourceDefinition s, List<FileRegistry.UnmappedWord> unmapped, FileRegistry.SourceFiles files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("agency", s.agency());
        m.put("formats", s.formats());
        m.put("cadence", s.cadence().name());
        m.put("roster", s.roster());
        m.put(
                "defaultCategory",
                s.defaultCategory() == null ? null : s.defaultCategory().name());
        m.put("vocabulary", s.vocabularyWords());
        m.put(
                "unmappedWords",
                unmapped.stream().filter(u -> u.sourceId().equals(s.id())).toList());
        m.put("files", files == null ? 0 : files.files());
        m.put(
                "lastReceivedAt",
                files == null || files.lastReceived() == null
                        ? null
                        : files.lastReceived().toInstant().toString());
        return m;
    }
}
