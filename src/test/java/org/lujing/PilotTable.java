package org.lujing;

import java.util.EnumMap;
import java.util.Map;
import org.lujing.ledger.Category;

/**
 * The pilot year as domain.md states it — the specification the sample data must reproduce. 每周一微课 is
 * "30 余堂" there; the sample data fixes it at 32 (sample-data/README.md).
 */
public final class PilotTable {

    public static final int PARTNER_UNITS = 19;

    public static final Map<Category, Integer> YEAR_2025 = new EnumMap<>(Category.class);

    static {
        YEAR_2025.put(Category.ASSESSMENT, 12);
        YEAR_2025.put(Category.PUBLIC_WELFARE, 46);
        YEAR_2025.put(Category.EDUCATION_SUPPORT, 8);
        YEAR_2025.put(Category.CORRECTION_GROUP, 12);
        YEAR_2025.put(Category.CORRECTION_PLAN, 12);
        YEAR_2025.put(Category.KEY_SUPPORT_PLAN, 4);
        YEAR_2025.put(Category.STRUCTURED_INTERVIEW, 12);
        YEAR_2025.put(Category.PSYCH_ASSESSMENT, 12);
        YEAR_2025.put(Category.MATERIALS, 30);
        YEAR_2025.put(Category.LEGAL_EDUCATION, 32);
        YEAR_2025.put(Category.GROUP_COUNSELLING, 16);
        YEAR_2025.put(Category.HARDSHIP_RELIEF, 2);
        YEAR_2025.put(Category.JOB_FAIR, 8);
        YEAR_2025.put(Category.EMPLOYMENT, 4);
        YEAR_2025.put(Category.MICRO_LESSON, 32);
        for (Category c : Category.values()) {
            YEAR_2025.putIfAbsent(c, 0);
        }
    }

    private PilotTable() {}
}
