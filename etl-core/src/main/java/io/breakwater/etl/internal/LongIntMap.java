package io.breakwater.etl.internal;

import java.util.Arrays;

/** An open-addressing map from long to int (no boxing), for per-row bookkeeping over millions of rows. */
public final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private int[] values;
    private int size;

    public LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
    }

    /** The value for {@code key}, or {@code missing}. */
    public int get(long key, int missing) {
        long k = key == EMPTY ? EMPTY + 1 : key;
        int mask = keys.length - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) {
                return missing;
            }
            if (keys[i] == k) {
                return values[i];
            }
        }
    }

    public void put(long key, int value) {
        long k = key == EMPTY ? EMPTY + 1 : key;
        int mask = keys.length - 1;
        int i = mix(k) & mask;
        while (keys[i] != EMPTY && keys[i] != k) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            keys[i] = k;
            size++;
        }
        values[i] = value;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    /** Adds one to the count of {@code key} and returns the new count. */
    public int increment(long key) {
        int next = get(key, 0) + 1;
        put(key, next);
        return next;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
