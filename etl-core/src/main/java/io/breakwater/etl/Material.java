package io.breakwater.etl;

import java.util.Locale;
import java.util.Map;

/** The pipe material vocabulary every source maps onto (pipes and breaks alike). */
public enum Material {
    CAST_IRON, DUCTILE_IRON, PVC, ASBESTOS_CEMENT, STEEL, CONCRETE, POLYETHYLENE, COPPER, OTHER, UNKNOWN;

    /** The stored name: cast_iron, ductile_iron, pvc, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A vocabulary label ({@code cast_iron}, case-insensitive), or {@code null} when it is none. */
    public static Material parse(String label) {
        if (label == null) {
            return null;
        }
        String l = label.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (Material m : values()) {
            if (m.label().equals(l)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Maps a raw value through a mapping's code table (case-insensitive keys), else as a vocabulary label; returns
     * {@code null} for a value that is neither (the caller flags it and stores {@link #UNKNOWN}).
     */
    public static Material map(String raw, Map<String, String> codes) {
        if (raw == null || raw.isBlank()) {
            return UNKNOWN;
        }
        String v = raw.strip();
        if (codes != null) {
            for (Map.Entry<String, String> e : codes.entrySet()) {
                if (e.getKey().equalsIgnoreCase(v)) {
                    return parse(e.getValue());
                }
            }
        }
        return parse(v);
    }
}
