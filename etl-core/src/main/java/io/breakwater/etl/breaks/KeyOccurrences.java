package io.breakwater.etl.breaks;

import io.breakwater.etl.internal.Hashing;
import io.breakwater.etl.internal.LongIntMap;
import java.util.Arrays;

/**
 * How often each natural key has occurred in a file, without keeping the keys: a key is told apart from another by
 * two independent 64-bit hashes (FNV-1a, and a multiply-shift hash), so two different keys are taken for one only if
 * both collide (about n² / 2¹²⁹ for n keys). One 64-bit hash alone can be made to collide.
 */
final class KeyOccurrences {
    private final LongIntMap byFirstHash; // first hash -> newest key with it
    private long[] secondHash = new long[1 << 12];
    private int[] count = new int[1 << 12];
    private int[] previous = new int[1 << 12]; // key -> the key before it with the same first hash, or -1
    private int n;

    KeyOccurrences(int expectedKeys) {
        this.byFirstHash = new LongIntMap(expectedKeys);
    }

    /** Counts one more occurrence of {@code key} and returns its count (1 the first time). */
    int increment(CharSequence key) {
        long first = Hashing.hash64(key);
        long second = secondHash(key);
        int newest = byFirstHash.get(first, -1);
        for (int at = newest; at >= 0; at = previous[at]) {
            if (secondHash[at] == second) {
                return ++count[at];
            }
        }
        if (n == count.length) {
            secondHash = Arrays.copyOf(secondHash, n * 2);
            count = Arrays.copyOf(count, n * 2);
            previous = Arrays.copyOf(previous, n * 2);
        }
        secondHash[n] = second;
        count[n] = 1;
        previous[n] = newest;
        byFirstHash.put(first, n++);
        return 1;
    }

    static long secondHash(CharSequence s) {
        long h = 0x2545F4914F6CDD1DL ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h + s.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return h ^ (h >>> 32);
    }
}
