package org.lujing.ledger;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The distinct persons of each month and category as bit sets over subject ids ({@code stat_person_bits}, one row
 * per 4,096 ids), kept beside {@code stat_subject_month} so that a period's persons are read as a few thousand
 * blocks instead of a row per person and month: a province's year is about 1.25 million {@code stat_subject_month}
 * rows, 3,000 blocks. A person's bit is set when their {@code stat_subject_month} row is created and cleared when
 * it is deleted, so the blocks always hold exactly the persons of the rows with records ({@link RollupDelta} reports
 * both). Written in SQL that HSQLDB and PostgreSQL both accept; callers hold the ledger's write turn.
 */
final class PersonBits {

    /** Subject ids to a block (row): 512 bytes at most. */
    static final int BLOCK = 4096;

    private PersonBits() {}

    /** A block's key: month (yyyymm), category, block number (subject_id / {@link #BLOCK}). */
    record Key(int month, String category, int block) implements Comparable<Key> {
        private static final Comparator<Key> ORDER =
                Comparator.comparingInt(Key::month).thenComparing(Key::category).thenComparingInt(Key::block);

        static Key of(int month, String category, long subjectId) {
            return new Key(month, category, Math.toIntExact(subjectId / BLOCK));
        }

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /** Bits to set and bits to clear in one block. */
    private static final class Change {
        final BitSet set = new BitSet();
        final BitSet clear = new BitSet();
    }

    /**
     * Sets the bits of the person-months that were {@code created} (their first counted record) and clears those
     * that were {@code deleted} (their last one gone), block by block, in key order.
     */
    static void apply(
            JdbcTemplate jdbc,
            Collection<RollupDelta.SubjectMonth> created,
            Collection<RollupDelta.SubjectMonth> deleted) {
        Map<Key, Change> changes = new TreeMap<>();
        for (RollupDelta.SubjectMonth m : created) {
            changes.computeIfAbsent(Key.of(m.month(), m.category(), m.subjectId()), k -> new Change())
                    .set
                    .set(bit(m.subjectId()));
        }
        for (RollupDelta.SubjectMonth m : deleted) {
            changes.computeIfAbsent(Key.of(m.month(), m.category(), m.subjectId()), k -> new Change())
                    .clear
                    .set(bit(m.subjectId()));
        }
        if (changes.isEmpty()) {
            return;
        }
        Map<Key, BitSet> stored = stored(jdbc, changes.keySet());
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        changes.forEach((key, change) -> {
            BitSet before = stored.get(key);
            BitSet after = before == null ? new BitSet() : (BitSet) before.clone();
            after.or(change.set);
            after.andNot(change.clear);
            if (before == null) {
                if (!after.isEmpty()) {
                    inserts.add(new Object[] {key.month(), key.category(), key.block(), after.toByteArray()});
                }
            } else if (after.isEmpty()) {
                deletes.add(new Object[] {key.month(), key.category(), key.block()});
            } else if (!after.equals(before)) {
                updates.add(new Object[] {after.toByteArray(), key.month(), key.category(), key.block()});
            }
        });
        String where = " WHERE month = ? AND category = ? AND block = ?";
        batch(jdbc, "UPDATE stat_person_bits SET persons = ?" + where, updates);
        batch(jdbc, "INSERT INTO stat_person_bits (month, category, block, persons) VALUES (?, ?, ?, ?)", inserts);
        batch(jdbc, "DELETE FROM stat_person_bits" + where, deletes);
    }

    /**
     * Writes every block again from {@code stat_subject_month}, a month at a time (what one month's persons take in
     * memory): for a ledger whose rollups existed before the blocks (migration V21) and after a rollup rebuild.
     */
    static void rebuild(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM stat_person_bits");
        List<Integer> months =
                jdbc.queryForList("SELECT DISTINCT month FROM stat_subject_month ORDER BY month", Integer.class);
        for (int month : months) {
            Map<Key, BitSet> blocks = new TreeMap<>();
            jdbc.query(
                    "SELECT category, subject_id FROM stat_subject_month WHERE month = ? AND records > 0",
                    rs -> {
                        long id = rs.getLong(2);
                        blocks.computeIfAbsent(Key.of(month, rs.getString(1), id), k -> new BitSet())
                                .set(bit(id));
                    },
                    month);
            List<Object[]> rows = new ArrayList<>();
            blocks.forEach((k, b) -> rows.add(new Object[] {k.month(), k.category(), k.block(), b.toByteArray()}));
            batch(jdbc, "INSERT INTO stat_person_bits (month, category, block, persons) VALUES (?, ?, ?, ?)", rows);
        }
    }

    /** Sets, in {@code into} (a bit set over subject ids), the persons a stored block holds. */
    static void addTo(BitSet into, int block, byte[] persons) {
        BitSet bits = BitSet.valueOf(persons);
        long base = (long) block * BLOCK;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            into.set(Math.toIntExact(base + i));
        }
    }

    private static int bit(long subjectId) {
        return (int) (subjectId % BLOCK);
    }

    /**
     * The stored blocks among {@code keys}: one query per month and category, over the range of blocks it touches
     * (at most a few hundred rows, whatever the ledger's size).
     */
    private static Map<Key, BitSet> stored(JdbcTemplate jdbc, Collection<Key> keys) {
        Map<Key, BitSet> stored = new TreeMap<>();
        Map<Key, int[]> ranges = new TreeMap<>(); // (month, category, 0) -> lowest and highest block
        for (Key k : keys) {
            int[] r =
                    ranges.computeIfAbsent(new Key(k.month(), k.category(), 0), x -> new int[] {k.block(), k.block()});
            r[0] = Math.min(r[0], k.block());
            r[1] = Math.max(r[1], k.block());
        }
        ranges.forEach((mc, r) -> jdbc.query(
                "SELECT block, persons FROM stat_person_bits WHERE month = ? AND category = ? AND block BETWEEN ? AND ?",
                rs -> {
                    Key k = new Key(mc.month(), mc.category(), rs.getInt(1));
                    if (keys.contains(k)) {
                        stored.put(k, BitSet.valueOf(rs.getBytes(2)));
                    }
                },
                mc.month(),
                mc.category(),
                r[0],
                r[1]));
        return stored;
    }

    private static void batch(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }
}
