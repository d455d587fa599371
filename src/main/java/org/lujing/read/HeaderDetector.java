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

    /**
     * A two-row header (group titles over merged cells above, field names below): each column's name is the
     * lower row's text where that names a field, else the upper row's (a cell merged down over both rows).
     */
    Optional<Map<Field, Integer>> detectTwoRows(List<Cell> upper, List<Cell> lower) {
        return detect(combine(upper, lower));
    }

    List<Cell> combine(List<Cell> upper, List<Cell> lower) {
        int width = Math.max(upper.size(), lower.size());
        List<Cell> combined = new java.util.ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            Cell up = i < upper.size() ? upper.get(i) : Cell.BLANK;
            Cell down = i < lower.size() ? lower.get(i) : Cell.BLANK;
            boolean downNames =
                    !down.isBlank() && settings.synonyms().lookup(down.text()).isPresent();
            combined.add(downNames || up.isBlank() ? down : up);
        }
        return combined;
    }

    static Map<Field, Cell> map(Map<Field, Integer> columns, List<Cell> row) {
        Map<Field, Cell> out = new EnumMap<>(Field.class);
        columns.forEach((field, col) -> out.put(field, col < row.size() ? row.get(col) : Cell.BLANK));
        return out;
    }
}
