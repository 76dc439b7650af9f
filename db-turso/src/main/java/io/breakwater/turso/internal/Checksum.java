package io.breakwater.turso.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jooq.Table;

/**
 * The content checksum of a table: SHA-256 over the canonical text of every value ({@link Values#canonical}), rows in
 * primary-key order, columns in the order of the generated class. Equal on two stores exactly when they hold the
 * same rows, up to the documented float tolerance.
 */
public final class Checksum {
    private static final int PAGE_ROWS = 2000;

    private Checksum() {
    }

    /** Row count and checksum of {@code table} as {@code reader} sees it. */
    public static Result of(TableReader reader, Table<?> table, int significantDigits) {
        MessageDigest digest = sha256();
        long[] rows = {0};
        reader.scan(table, 0, PAGE_ROWS, page -> {
            StringBuilder text = new StringBuilder(256 * page.size());
            for (Object[] row : page) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        text.append('\u001f');
                    }
                    text.append(Values.canonical(row[i], significantDigits));
                }
                text.append('\u001e');
            }
            digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
            rows[0] += page.size();
            return true;
        });
        return new Result(rows[0], HexFormat.of().formatHex(digest.digest()));
    }

    /** The canonical text of a row's primary key, for matching rows across stores. */
    public static String keyText(Object[] keyValues, int significantDigits) {
        StringBuilder text = new StringBuilder();
        for (Object value : keyValues) {
            text.append(Values.canonical(value, significantDigits)).append('\u001f');
        }
        return text.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param rows     rows read
     * @param checksum SHA-256 in hex
     */
    public record Result(long rows, String checksum) {
    }
}
