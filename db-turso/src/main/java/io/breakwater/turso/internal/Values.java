package io.breakwater.turso.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.turso.HranaValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How values of the schema's column types travel to and from a Turso database, stored exactly as jOOQ and the
 * SQLite JDBC driver store them in a SQLite file (so a replica file of the remote reads like a local SQLite store):
 * booleans as 0/1, dates as {@code yyyy-MM-dd} text, timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS} text (millisecond
 * precision), doubles as REAL. Also the canonical text of a value for checksums.
 */
public final class Values {
    private static final DateTimeFormatter CANONICAL_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private Values() {
    }

    /** A Java value read through the generated jOOQ classes, as a Hrana argument. */
    public static HranaValue toHrana(Object value) {
        if (value == null) {
            return HranaValue.NULL;
        }
        if (value instanceof String s) {
            return new HranaValue.Text(s);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return new HranaValue.Integer(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return new HranaValue.Integer(b.longValueExact());
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return HranaValue.of(((Number) value).doubleValue());
        }
        if (value instanceof Boolean b) {
            return new HranaValue.Integer(b ? 1 : 0);
        }
        if (value instanceof LocalDate d) {
            return new HranaValue.Text(d.toString());
        }
        if (value instanceof LocalDateTime t) {
            return new HranaValue.Text(Timestamp.valueOf(t.truncatedTo(ChronoUnit.MILLIS)).toString());
        }
        if (value instanceof byte[] bytes) {
            return new HranaValue.Blob(bytes);
        }
        return new HranaValue.Text(value.toString());
    }

    /** A Hrana value read from a remote table, as the Java type of the generated column. */
    public static Object fromHrana(HranaValue value, Class<?> type, String column) {
        Object raw = value.javaValue();
        if (raw == null) {
            return null;
        }
        try {
            if (type == String.class) {
                return raw instanceof Double d ? doubleText(d) : raw.toString();
            }
            if (type == Long.class) {
                return raw instanceof Number n ? (Object) n.longValue() : Long.parseLong(raw.toString().trim());
            }
            if (type == Integer.class) {
                return raw instanceof Number n ? (Object) Math.toIntExact(n.longValue())
                        : Integer.parseInt(raw.toString().trim());
            }
            if (type == Double.class) {
                return raw instanceof Number n ? (Object) n.doubleValue() : Double.parseDouble(raw.toString().trim());
            }
            if (type == Boolean.class) {
                if (raw instanceof Number n) {
                    return n.longValue() != 0;
                }
                String text = raw.toString().trim();
                return text.equals("1") || text.equalsIgnoreCase("true");
            }
            if (type == LocalDate.class) {
                return LocalDate.parse(raw.toString().trim().substring(0, 10));
            }
            if (type == LocalDateTime.class) {
                return parseTimestamp(raw.toString().trim());
            }
            if (type == BigDecimal.class) {
                return new BigDecimal(raw.toString().trim());
            }
        } catch (RuntimeException e) {
            throw new BreakwaterException(ErrorCode.REMOTE_FAILURE, "remote column " + column + " holds '" + raw
                    + "', expected a " + type.getSimpleName(), e);
        }
        return raw;
    }

    private static String doubleText(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static LocalDateTime parseTimestamp(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        LocalDate date = LocalDate.parse(text.substring(0, 10));
        String time = text.substring(11);
        int zone = Math.max(time.indexOf('+'), Math.max(time.indexOf('Z'), time.lastIndexOf('-')));
        if (zone > 0) {
            time = time.substring(0, zone);
        }
        return LocalDateTime.of(date, LocalTime.parse(time));
    }

    /**
     * The canonical text of a value for content checksums. Doubles are rounded to {@code significantDigits}
     * significant digits (half-even, from their exact binary value); timestamps are cut to milliseconds, the
     * precision every store keeps; booleans, dates and numbers are written the same way whatever the store.
     */
    public static String canonical(Object value, int significantDigits) {
        if (value == null) {
            return "\u2205";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            if (d == 0.0) {
                return "0";
            }
            return new BigDecimal(d).round(new MathContext(significantDigits, RoundingMode.HALF_EVEN))
                    .stripTrailingZeros().toString();
        }
        if (value instanceof LocalDateTime t) {
            return CANONICAL_TIMESTAMP.format(t.truncatedTo(ChronoUnit.MILLIS));
        }
        if (value instanceof BigDecimal b) {
            return canonical(b.doubleValue(), significantDigits);
        }
        return value.toString();
    }
}
