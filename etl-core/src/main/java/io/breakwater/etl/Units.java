package io.breakwater.etl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one unit vocabulary for lengths in source mappings, used by every source kind for diameters and lengths:
 * {@code mm, cm, m, km, in, ft, yd, mi} and their spelt-out forms ({@code millimetres}, {@code inch}, {@code inches},
 * {@code feet}, {@code foot}, {@code meters}, ...). An unknown unit is refused with its mapping key.
 */
public final class Units {
    private static final Map<String, Double> METRES = new LinkedHashMap<>();

    static {
        put(0.001, "mm", "millimetre", "millimetres", "millimeter", "millimeters");
        put(0.01, "cm", "centimetre", "centimetres", "centimeter", "centimeters");
        put(1.0, "m", "metre", "metres", "meter", "meters");
        put(1000.0, "km", "kilometre", "kilometres", "kilometer", "kilometers");
        put(0.0254, "in", "inch", "inches");
        put(0.3048, "ft", "foot", "feet");
        put(0.9144, "yd", "yard", "yards");
        put(1609.344, "mi", "mile", "miles");
    }

    private static void put(double metres, String... names) {
        for (String n : names) {
            METRES.put(n, metres);
        }
    }

    private Units() {
    }

    /** The short unit names, for messages. */
    public static List<String> names() {
        return List.of("mm", "cm", "m", "km", "in", "ft", "yd", "mi");
    }

    /**
     * How many {@code target} units (mm or m) one {@code unit} is; {@code unit} null means {@code fallback}. An
     * unknown unit is refused naming {@code key} in {@code mapping}.
     */
    public static double factor(SourceMapping.File mapping, String key, String unit, String fallback, String target) {
        String u = (unit == null ? fallback : unit).strip().toLowerCase(Locale.ROOT);
        Double metres = METRES.get(u);
        if (metres == null) {
            throw mapping.invalid(key, "unknown unit '" + unit + "'; expected one of " + names());
        }
        return metres / METRES.get(target);
    }

    /** The factor of attribute {@code name}'s unit to {@code target} (default {@code fallback}), or 1 when absent. */
    public static double ofAttribute(SourceMapping.File mapping, String name, String fallback, String target) {
        Map<String, SourceMapping.ColumnSpec> attributes = mapping.mapping().attributes();
        SourceMapping.ColumnSpec spec = attributes == null ? null : attributes.get(name);
        return factor(mapping, "attributes." + name + ".unit", spec == null ? null : spec.unit(), fallback, target);
    }
}
