package io.breakwater.etl.breaks;

import io.breakwater.etl.StagedTable;
import io.breakwater.etl.internal.Hashing;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;

/**
 * One accepted break, cleaned, as it is staged for {@code pipe_breaks_clean}.
 *
 * @param recordId the natural key within the source ({@code #n} appended to a repeat)
 * @param time     the date and time when the source gives a time of day, else {@code null}
 * @param x        the source coordinate of the pair used ({@code pair}, in {@code crs})
 * @param flags    the flag_row checks the row failed, comma-separated, or {@code null}
 * @param duplicateOf the break of an earlier source this one repeats, or {@code null}
 */
record CleanBreak(String recordId, LocalDate date, LocalDateTime time, double lon, double lat, double x, double y,
        int pair, String crs, String areaId, String assetId, String material, Double diameterMm, Integer installYear,
        String breakType, String address, String flags, String duplicateOf) {
    private static final HexFormat HEX = HexFormat.of();

    /** Stages the row, read from {@code line} of the file, by run {@code runId}. */
    void addTo(StagedTable stage, String source, long runId, long line) {
        stage.add(source + ":" + recordId, source, recordId, date, time, date.getYear(), date.getMonthValue(),
                lon, lat, x, y, crs, areaId, null, null, null, null, assetId, material, diameterMm,
                installYear, breakType, address, flags, recordHash(), runId, line, duplicateOf);
    }

    /**
     * The 64-bit hash of the cleaned content, in hex, which tells whether a known key changed. Stores keep it: its
     * value for the same content must never change, or every re-ingest of an older store would update every row.
     */
    String recordHash() {
        long h = Hashing.hash64(recordId);
        h = mix(h, date.toEpochDay());
        h = mix(h, time == null ? -1 : time.toLocalTime().toSecondOfDay());
        h = mix(h, Double.doubleToLongBits(lon));
        h = mix(h, Double.doubleToLongBits(lat));
        h = mix(h, Double.doubleToLongBits(x));
        h = mix(h, Double.doubleToLongBits(y));
        h = mix(h, pair);
        h = mix(h, diameterMm == null ? -1 : Double.doubleToLongBits(diameterMm));
        h = mix(h, installYear == null ? -1 : installYear);
        h = mix(h, hashOrZero(crs));
        h = mix(h, hashOrZero(areaId));
        h = mix(h, hashOrZero(assetId));
        h = mix(h, hashOrZero(material));
        h = mix(h, hashOrZero(breakType));
        h = mix(h, hashOrZero(address));
        h = mix(h, hashOrZero(flags));
        if (duplicateOf != null) { // mixed only when set: the hash of a break without one never changes
            h = mix(h, Hashing.hash64(duplicateOf));
        }
        return HEX.toHexDigits(h);
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }

    private static long hashOrZero(String s) {
        return s == null ? 0 : Hashing.hash64(s);
    }
}
