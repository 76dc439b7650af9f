package io.breakwater.turso.internal;

import io.breakwater.db.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The content checksum of a table: SHA-256 over the canonical text of every value ({@link Values#canonical}), rows in
 * primary-key order, columns in the order of the generated class. Equal on two stores exactly when they hold the
 * same rows, up to the documented float tolerance. Columns left out are not hashed at all; each compared column also
 * gets a checksum of its own, so that a difference can be traced to the columns that hold it.
 */
public final class Checksum {
    private static final int PAGE_ROWS = 2000;

    private Checksum() {
    }

    /** Row count and checksum of every column of {@code table} as {@code reader} sees it. */
    public static Result of(TableReader reader, Table<?> table, int significantDigits) {
        return of(reader, table, significantDigits, Set.of());
    }

    /**
     * Row count and checksum of {@code table} as {@code reader} sees it, leaving out the columns named in
     * {@code leftOut} (lower case).
     */
    public static Result of(TableReader reader, Table<?> table, int significantDigits, Set<String> leftOut) {
        Field<?>[] fields = table.fields();
        int[] compared = java.util.stream.IntStream.range(0, fields.length)
                .filter(i -> !leftOut.contains(fields[i].getName().toLowerCase(Locale.ROOT))).toArray();
        MessageDigest digest = Sha256.digest();
        MessageDigest[] columnDigests = new MessageDigest[compared.length];
        for (int c = 0; c < compared.length; c++) {
            columnDigests[c] = Sha256.digest();
        }
        long[] rows = {0};
        reader.scan(table, 0, PAGE_ROWS, page -> {
            StringBuilder text = new StringBuilder(256 * page.size());
            StringBuilder[] columns = new StringBuilder[compared.length];
            for (int c = 0; c < compared.length; c++) {
                columns[c] = new StringBuilder(16 * page.size());
            }
            for (Object[] row : page) {
                for (int c = 0; c < compared.length; c++) {
                    String value = Values.canonical(row[compared[c]], significantDigits);
                    if (c > 0) {
                        text.append('\u001f');
                    }
                    text.append(value);
                    columns[c].append(value).append('\u001e');
                }
                text.append('\u001e');
            }
            digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
            for (int c = 0; c < compared.length; c++) {
                columnDigests[c].update(columns[c].toString().getBytes(StandardCharsets.UTF_8));
            }
            rows[0] += page.size();
            return true;
        });
        Map<String, String> columnChecksums = new LinkedHashMap<>();
        for (int c = 0; c < compared.length; c++) {
            columnChecksums.put(fields[compared[c]].getName(), Sha256.hex(columnDigests[c]));
        }
        return new Result(rows[0], Sha256.hex(digest),
                Collections.unmodifiableMap(columnChecksums));
    }

    /** The canonical text of a row's primary key, for matching rows across stores. */
    public static String keyText(Object[] keyValues, int significantDigits) {
        StringBuilder text = new StringBuilder();
        for (Object value : keyValues) {
            text.append(Values.canonical(value, significantDigits)).append('\u001f');
        }
        return text.toString();
    }

    /**
     * @param rows            rows read
     * @param checksum        SHA-256 in hex over the compared columns
     * @param columnChecksums SHA-256 in hex of each compared column, in column order
     */
    public record Result(long rows, String checksum, Map<String, String> columnChecksums) {
    }
}
