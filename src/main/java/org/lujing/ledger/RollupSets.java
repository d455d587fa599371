package org.lujing.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;

/**
 * PostgreSQL's way of applying a {@link RollupDelta}: every key of a rollup table at once, bound as one array per
 * column and read back with {@code unnest}, so a slice of 20,000 records costs a few statements instead of one per
 * rollup row (each a round of the protocol, even in a batch). Adding upserts ({@code INSERT ... ON CONFLICT DO
 * UPDATE}); taking away updates, then deletes the rows that reached 0. Keys go in the delta's sorted order, so two
 * writers would lock rollup rows in the same order (the ledger's write turn already keeps them apart).
 */
final class RollupSets {

    private final JdbcTemplate jdbc;
    private final int sign;

    RollupSets(JdbcTemplate jdbc, int sign) {
        this.jdbc = jdbc;
        this.sign = sign;
    }

    /**
     * Applies one table's entries. With {@code track}, returns the keys whose row was created (adding) or deleted
     * (taking away); otherwise an empty list.
     */
    <K, V> List<K> apply(
            RollupDelta.Table table,
            Map<K, V> entries,
            Function<V, Object[]> values,
            Function<K, Object[]> keys,
            boolean track) {
        List<K> order = new ArrayList<>(entries.keySet());
        int nv = table.values().size();
        int nk = table.keys().size();
        Object[][] columns = new Object[nv + nk][order.size()];
        for (int i = 0; i < order.size(); i++) {
            K key = order.get(i);
            Object[] v = values.apply(entries.get(key));
            Object[] k = keys.apply(key);
            for (int c = 0; c < nv; c++) {
                columns[c][i] = v[c]; // already signed: a delta that takes away holds negative counts
            }
            for (int c = 0; c < nk; c++) {
                columns[nv + c][i] = k[c];
            }
        }
        Object[][] keyColumns = Arrays.copyOfRange(columns, nv, nv + nk);
        List<String> keyTypes = table.types().subList(nv, nv + nk);
        String keyMatch = table.keys().stream().map(k -> "t." + k + " = d." + k).collect(Collectors.joining(" AND "));
        String keyList = String.join(", ", table.keys());
        List<Integer> changed = new ArrayList<>();
        if (sign > 0) {
            if (track) {
                changed = ordinals(
                        "SELECT d.ord FROM " + unnest(keyTypes, table.keys(), true)
                                + " WHERE NOT EXISTS (SELECT 1 FROM " + table.name() + " t WHERE " + keyMatch + ")",
                        keyTypes,
                        keyColumns);
            }
            List<String> all = new ArrayList<>(table.values());
            all.addAll(table.keys());
            String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", all) + ") SELECT "
                    + String.join(", ", all) + " FROM " + unnest(table.types(), all, false) + " ON CONFLICT ("
                    + keyList + ") DO UPDATE SET "
                    + table.values().stream()
                            .map(v -> v + " = " + table.name() + "." + v + " + EXCLUDED." + v)
                            .collect(Collectors.joining(", "));
            update(sql, table.types(), columns);
        } else {
            List<String> all = new ArrayList<>(table.values());
            all.addAll(table.keys());
            update(
                    "UPDATE " + table.name() + " t SET "
                            + table.values().stream()
                                    .map(v -> v + " = t." + v + " + d." + v)
                                    .collect(Collectors.joining(", "))
                            + " FROM " + unnest(table.types(), all, false) + " WHERE " + keyMatch,
                    table.types(),
                    columns);
            changed = ordinals(
                    "DELETE FROM " + table.name() + " t USING " + unnest(keyTypes, table.keys(), true) + " WHERE "
                            + keyMatch + " AND t.records <= 0 RETURNING d.ord",
                    keyTypes,
                    keyColumns);
        }
        if (!track) {
            return List.of();
        }
        return changed.stream().map(ord -> order.get(ord - 1)).toList();
    }

    private static String unnest(List<String> types, List<String> names, boolean ordinality) {
        return "unnest(" + types.stream().map(t -> "?::" + t + "[]").collect(Collectors.joining(", ")) + ")"
                + (ordinality ? " WITH ORDINALITY" : "") + " AS d(" + String.join(", ", names)
                + (ordinality ? ", ord" : "") + ")";
    }

    private void update(String sql, List<String> types, Object[][] columns) {
        jdbc.execute(sql, (PreparedStatementCallback<Integer>) p -> {
            bind(p, types, columns);
            return p.executeUpdate();
        });
    }

    private List<Integer> ordinals(String sql, List<String> types, Object[][] columns) {
        return jdbc.execute(sql, (PreparedStatementCallback<List<Integer>>) p -> {
            bind(p, types, columns);
            List<Integer> found = new ArrayList<>();
            // a SELECT, or a DELETE ... RETURNING: both answer with rows
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add((int) rs.getLong(1));
                }
            }
            return found;
        });
    }

    private static void bind(PreparedStatement p, List<String> types, Object[][] columns) throws SQLException {
        Connection c = p.getConnection();
        for (int i = 0; i < types.size(); i++) {
            Array a = c.createArrayOf(types.get(i), columns[i]);
            p.setArray(i + 1, a);
        }
    }
}
