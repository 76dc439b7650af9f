package io.breakwater.etl.climate.internal;

/** Small parsing helpers shared by the climate parsers. */
final class Values {
    private Values() {
    }

    /** A decimal number, or {@code null} for blank; {@link NumberFormatException} for anything else. */
    static Double number(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return null;
        }
        double v = io.breakwater.etl.internal.Numbers.decimal(t);
        if (Double.isNaN(v)) {
            throw new NumberFormatException("not a decimal number"); // also 1f, 0x10p0, NaN, Infinity, 1e999
        }
        return v;
    }
}
