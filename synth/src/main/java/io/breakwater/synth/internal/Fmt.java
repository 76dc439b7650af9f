package io.breakwater.synth.internal;

/** Fast, locale-free fixed-point formatting (String.format is too slow for millions of coordinates). */
public final class Fmt {
    private static final long[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

    private Fmt() {
    }

    /** Appends {@code value} rounded half away from zero to {@code decimals} (0..8) decimals. */
    public static StringBuilder fixed(StringBuilder sb, double value, int decimals) {
        long scale = POW10[decimals];
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / scale);
        if (decimals > 0) {
            sb.append('.');
            String frac = Long.toString(scaled % scale);
            for (int i = frac.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb;
    }

    public static String fixed(double value, int decimals) {
        return fixed(new StringBuilder(16), value, decimals).toString();
    }

    /** Tenths as a decimal string: -53 gives "-5.3". */
    public static String tenths(int tenths) {
        return fixed(tenths / 10.0, 1);
    }
}
