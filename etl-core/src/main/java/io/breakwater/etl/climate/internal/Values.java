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
        double v = Double.parseDouble(t);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new NumberFormatException("not a finite number");
        }
        return v;
    }
}
