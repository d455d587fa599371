package org.lujing.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;

/**
 * PostgreSQL's way of applying a {@link RollupDelta}: every key of a rollup table at once, bound as one array per
 * column and read back with {@code unnest}, so a slice of 20,000 records costs a few statements instead of one per
 * rollup row (each a round of the protocol, even in a batch). Entries whose records grow are upserted
 * ({@code INSERT ... ON CONFLICT DO UPDATE}); the others update the rows that exist, and those whose records shrink
 * delete their row once it reaches 0 — what the batched statements do on HSQLDB. Keys go in the delta's sorted
 * order, so two writers would lock rollup rows in the same order (the ledger's write turn already keeps them apart).
 */
final class RollupSets {

    private final JdbcTemplate jdbc;

    RollupSets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Applies one table's entries. With {@code track}, returns the keys whose row was created or deleted; otherwise
     * an empty list.
     */
    <K, V> List<K> apply(
            RollupDelta.Table table,
            Map<K, V> entries,
            ToLongFunction<V> records,
            Function<Object, Object[]> values,
            Function<Object, Object[]> keys,
            boolean track) {
        List<K> grown = new ArrayList<>();
        List<K> rest = new ArrayList<>();
        List<K> shrunk = new ArrayList<>();
        entries.forEach((k, v) -> {
            long r = records.applyAsLong(v);
            (r > 0 ? grown : rest).add(k);
            if (r < 0) {
                shrunk.add(k);
            }
        });
        List<String> all = new ArrayList<>(table.values());
        all.addAll(table.keys());
        int nv = table.values().size();
        List<String> keyTypes = table.types().subList(nv, table.types().size());
        String keyMatch = table.keys().stream().map(k -> "t." + k + " = d." + k).collect(Collectors.joining(" AND "));
        List<K> changed = new ArrayList<>();
        if (!grown.isEmpty()) {
            if (track) {
                for (int ord : ordinals(
                        "SELECT d.ord FROM " + unnest(keyTypes, table.keys(), true)
                                + " WHERE NOT EXISTS (SELECT 1 FROM " + table.name() + " t WHERE " + keyMatch + ")",
                        keyTypes,
                        keyColumns(grown, keys, table.keys().size()))) {
                    changed.add(grown.get(ord - 1));
                }
            }
            update(
                    "INSERT INTO " + table.name() + " (" + String.join(", ", all) + ") SELECT " + String.join(", ", all)
                            + " FROM " + unnest(table.types(), all, false) + " ON CONFLICT ("
                            + String.join(", ", table.keys()) + ") DO UPDATE SET "
                            + table.values().stream()
                                    .map(v -> v + " = " + table.name() + "." + v + " + EXCLUDED." + v)
                                    .collect(Collectors.joining(", ")),
                    table.types(),
                    columns(grown, entries, values, nv, table.keys().size(), keys));
        }
        if (!rest.isEmpty()) {
            update(
                    "UPDATE " + table.name() + " t SET "
                            + table.values().stream()
                                    .map(v -> v + " = t." + v + " + d." + v)
                                    .collect(Collectors.joining(", "))
                            + " FROM " + unnest(table.types(), all, false) + " WHERE " + keyMatch,
                    table.types(),
                    columns(rest, entries, values, nv, table.keys().size(), keys));
        }
        if (!shrunk.isEmpty()) {
            List<Integer> deleted = ordinals(
                    "DELETE FROM " + table.name() + " t USING " + unnest(keyTypes, table.keys(), true) + " WHERE "
                            + keyMatch + " AND t.records <= 0 RETURNING d.ord",
                    keyTypes,
                    keyColumns(shrunk, keys, table.keys().size()));
            if (track) {
                deleted.forEach(ord -> changed.add(shrunk.get(ord - 1)));
            }
        }
        return changed;
    }

    /** The keys' columns alone. */
    private static <K> Object[][] keyColumns(List<K> order, Function<Object, Object[]> keys, int width) {
        Object[][] columns = new Object[width][order.size()];
        for (int i = 0; i < order.size(); i++) {
            Object[] k = keys.apply(order.get(i));
            for (int c = 0; c < width; c++) {
                columns[c][i] = k[c];
            }
        }
        return columns;
    }

    /** The values' columns (already signed: a delta that takes away holds negative counts), then the keys'. */
    private static <K, V> Object[][] columns(
            List<K> order,
            Map<K, V> entries,
            Function<Object, Object[]> values,
            int nv,
            int nk,
            Function<Object, Object[]> keys) {
        Object[][] columns = new Object[nv + nk][order.size()];
        for (int i = 0; i < order.size(); i++) {
            K key = order.get(i);
            Object[] v = values.apply(entries.get(key));
            Object[] k = keys.apply(key);
            for (int c = 0; c < nv; c++) {
                columns[c][i] = v[c];
            }
            for (int c = 0; c < nk; c++) {
                columns[nv + c][i] = k[c];
            }
        }
        return columns;
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
            found.sort(Integer::compare);
            return found;
        });
    }

    private static void bind(PreparedStatement p, List<String> types, Object[][] columns) throws SQLException {
        Connection c = p.getConnection();
        for (int i = 0; i < types.size(); i++) {
            p.setArray(i + 1, c.createArrayOf(types.get(i), columns[i]));
        }
    }
}
