package io.breakwater.etl.internal;

/**
 * Strict reading of numbers written in source files: decimal notation only ({@code -79.4}, {@code 1e3},
 * {@code +12}, {@code .5}), never Java's other spellings ({@code 1f}, {@code 2d}, hex {@code 0x1p3}), nor
 * {@code NaN} or {@code Infinity}, nor a value too large for a double.
 */
public final class Numbers {
    private Numbers() {
    }

    /** The decimal number {@code s} spells (surrounding blanks allowed), or NaN when it spells none. */
    public static double decimal(String s) {
        if (s == null) {
            return Double.NaN;
        }
        String t = s.strip();
        if (!isDecimal(t)) {
            return Double.NaN;
        }
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? d : Double.NaN;
    }

    /** Sign, digits with at most one point (at least one digit), then an optional exponent of digits. */
    public static boolean isDecimal(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            for (; i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++) {
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }
}
