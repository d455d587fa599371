package org.lujing.read;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the header row: the first row within the first 20 of a sheet that names every required field. */
final class HeaderDetector {

    private final ReadSettings settings;

    HeaderDetector(ReadSettings settings) {
        this.settings = settings;
    }

    /** Column index of each field named in this row, if the row names all required fields. */
    Optional<Map<Field, Integer>> detect(List<Cell> row) {
        Map<Field, Integer> columns = new EnumMap<>(Field.class);
        for (int i = 0; i < row.size(); i++) {
            Cell c = row.get(i);
            if (c.isBlank()) {
                continue;
            }
            int col = i;
            settings.synonyms().lookup(c.text()).ifPresent(f -> columns.putIfAbsent(f, col));
        }
        return columns.keySet().containsAll(settings.requiredHeaders()) ? Optional.of(columns) : Optional.empty();
    }

    static Map<Field, Cell> map(Map<Field, Integer> columns, List<Cell> row) {
        Map<Field, Cell> out = new EnumMap<>(Field.class);
        columns.forEach((field, col) -> out.put(field, col < row.size() ? row.get(col) : Cell.BLANK));
        return out;
    }
}
