package org.lujing.ingest;

import org.lujing.ledger.RecordDraft;

/**
 * The record identities (subject key, category, date, agency) already met in one file, as 64-bit hashes in an open
 * addressing table: 16 bytes a row at most, so a million-row file costs about 16 MiB, not the 200 MiB of a set of
 * strings. A hash can collide; a row taken for a repeat by mistake is found at publication (no record of its
 * identity exists) and inserted there, so a collision costs a query, never a row.
 */
final class IdentitySeen {

    private static final long EMPTY = 0L;
    private long[] table = new long[1 << 12];
    private int size;
    private boolean zeroSeen;

    /** Adds the record's identity; true when it was not there yet. */
    boolean add(RecordDraft r) {
        return add(hash(r));
    }

    boolean add(long h) {
        if (h == EMPTY) {
            boolean first = !zeroSeen;
            zeroSeen = true;
            return first;
        }
        if ((size + 1) * 2L > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) mix(h) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        size++;
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long h : old) {
            if (h != EMPTY) {
                int i = (int) mix(h) & mask;
                while (table[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                table[i] = h;
            }
        }
    }

    /** A person's key (a roster row's ID number blind index), hashed as a record's identity is. */
    static long hash(String key) {
        return mix(fnv(0x84222325cbf29ce4L, key));
    }

    static long hash(RecordDraft r) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, r.subjectKey());
        h = fnv(h, r.category().name());
        h = (h ^ r.date().toEpochDay()) * 0x100000001b3L;
        h = fnv(h, r.agency());
        return mix(h);
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ 0x1f) * 0x100000001b3L;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
