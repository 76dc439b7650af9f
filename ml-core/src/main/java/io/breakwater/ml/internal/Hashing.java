package io.breakwater.ml.internal;

import io.breakwater.db.Sha256;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 shorthands over the shared {@link Sha256}, and a seeded per-key uniform draw. */
public final class Hashing {
    private Hashing() {
    }

    public static MessageDigest sha256() {
        return Sha256.digest();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static String sha256(String text) {
        return Sha256.hex(text);
    }

    public static String sha256(Path file) {
        return Sha256.ofFiles(List.of(file));
    }

    /** SplitMix64 finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A stable key for an asset under a seed (tie breaks, random baseline). */
    public static long assetKey(long seed, String assetId) {
        return mix(seed * 0x9E3779B97F4A7C15L + assetId.hashCode() + ((long) assetId.length() << 40));
    }

    /** A uniform draw in [0, 1) fixed by seed, asset and month: the same row is always kept or dropped. */
    public static double uniform(long seed, String assetId, int yearMonthIndex) {
        long z = mix(assetKey(seed, assetId) + yearMonthIndex * 0xD1B54A32D192ED03L);
        return (z >>> 11) * 0x1.0p-53;
    }
}
