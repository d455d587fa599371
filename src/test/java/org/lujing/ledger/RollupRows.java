package org.lujing.ledger;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every row of the statistics rollups and the persons' bit sets, in a fixed order: to compare two states whole. */
public final class RollupRows {

    private RollupRows() {}

    public static List<List<Map<String, Object>>> all(JdbcClient jdbc) {
        return List.of(
                jdbc.sql("SELECT * FROM stat_day ORDER BY activity_date, category, agency")
                        .query()
                        .listOfRows(),
                jdbc.sql("SELECT * FROM stat_event ORDER BY activity_date, category, agency, activity_name_key")
                        .query()
                        .listOfRows(),
                jdbc.sql("SELECT * FROM stat_subject_month ORDER BY month, category, subject_id")
                        .query()
                        .listOfRows(),
                PersonBitsRows.stored(jdbc));
    }
}
