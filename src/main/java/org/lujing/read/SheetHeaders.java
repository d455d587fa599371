package org.lujing.read;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's header rows as kept, by sheet: one for most sheets, one per table for a sheet holding tables one under the
 * other with different columns. A row stands under the nearest header above it; the first header of its sheet is taken
 * for a row above every header (none is read there).
 */
public final class SheetHeaders {

    /** A file with no header kept (loaded before they were, or all of it unreadable). */
    public static final SheetHeaders NONE = new SheetHeaders(List.of());

    private final Map<String, List<SheetHeader>> bySheet = new LinkedHashMap<>();

    public SheetHeaders(Collection<SheetHeader> headers) {
        for (SheetHeader h : headers) {
            bySheet.computeIfAbsent(h.sheet(), s -> new ArrayList<>()).add(h);
        }
        bySheet.values().forEach(list -> list.sort(Comparator.comparingInt(SheetHeader::rowNumber)));
    }

    /** The header the row {@code rowNumber} of {@code sheet} was read under; null when the sheet's is not kept. */
    public SheetHeader forRow(String sheet, int rowNumber) {
        List<SheetHeader> list = bySheet.get(sheet);
        if (list == null) {
            return null;
        }
        SheetHeader under = list.get(0);
        for (SheetHeader h : list) {
            if (h.rowNumber() >= rowNumber) {
                break;
            }
            under = h;
        }
        return under;
    }

    /** Every header kept, sheet by sheet (in the order first seen), each sheet's top to bottom. */
    public List<SheetHeader> all() {
        List<SheetHeader> out = new ArrayList<>();
        bySheet.values().forEach(out::addAll);
        return out;
    }

    public boolean isEmpty() {
        return bySheet.isEmpty();
    }
}
