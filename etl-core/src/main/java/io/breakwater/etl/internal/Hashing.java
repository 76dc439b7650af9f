package io.breakwater.etl.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.Sha256;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The SHA-256 of a source file (a shapefile with its sidecars), and a fast 64-bit content hash for change detection. */
public final class Hashing {
    private Hashing() {
    }

    /**
     * The SHA-256 of a file's bytes; for a shapefile's {@code .shp}, of the set: the .shp, then the .dbf, .prj and .cpg
     * beside it when present (a changed attribute table is a changed input).
     */
    public static String sha256(Path file) {
        List<Path> parts = new ArrayList<>();
        parts.add(file);
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".shp")) {
            String stem = name.substring(0, name.length() - 4);
            for (String ext : List.of(".dbf", ".prj", ".cpg")) {
                for (String e : List.of(ext, ext.toUpperCase(Locale.ROOT))) {
                    Path p = file.resolveSibling(stem + e);
                    if (Files.isRegularFile(p)) {
                        parts.add(p);
                        break;
                    }
                }
            }
        }
        try {
            return Sha256.ofFiles(parts);
        } catch (UncheckedIOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, e.getMessage() + ": " + IoErrors.reason(e), e);
        }
    }

    /** A 64-bit FNV-1a hash of a string's UTF-16 units, mixed (good enough to detect a changed record). */
    public static long hash64(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** {@link #hash64} as 16 hex digits. */
    public static String hex64(CharSequence s) {
        return HexFormat.of().toHexDigits(hash64(s));
    }
}
