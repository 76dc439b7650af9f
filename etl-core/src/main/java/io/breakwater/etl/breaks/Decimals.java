package io.breakwater.etl.breaks;

/**
 * Coordinates and diameters as {@link Double#parseDouble} reads them, with a fast path for the plain decimals that
 * almost every break file holds.
 */
final class Decimals {
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private Decimals() {
    }

    /**
     * The decimal number {@code s} spells, or NaN when it spells none: decimal notation only, as
     * {@link io.breakwater.etl.internal.Numbers#decimal} reads it (no {@code -79.4f}, hex, NaN or Infinity).
     */
    static double parseDouble(String s) {
        double plain = plainDecimal(s);
        if (!Double.isNaN(plain)) {
            return plain;
        }
        return io.breakwater.etl.internal.Numbers.decimal(s);
    }

    /**
     * The fast path of decimal parsing for plain numbers such as {@code -79.3871234}: at most 15 digits and 22
     * decimals, so that digits and power of ten are exact doubles and one division rounds correctly (Clinger), giving
     * the same double as {@link Double#parseDouble}. NaN for anything else, which the slow path then parses.
     */
    private static double plainDecimal(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        long digits = 0;
        int count = 0;
        int decimals = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                count++;
                if (point) {
                    decimals++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0 || count > 15 || decimals > 22) {
            return Double.NaN;
        }
        double v = decimals == 0 ? digits : digits / POWERS_OF_TEN[decimals];
        return s.charAt(0) == '-' ? -v : v;
    }
}
