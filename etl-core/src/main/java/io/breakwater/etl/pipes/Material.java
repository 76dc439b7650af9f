package io.breakwater.etl.pipes;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The one material vocabulary of Breakwater, and the spellings recognised without a mapping. */
public enum Material {
    CAST_IRON, DUCTILE_IRON, PVC, ASBESTOS_CEMENT, STEEL, CONCRETE, POLYETHYLENE, COPPER, OTHER, UNKNOWN;

    private static final Map<String, Material> COMMON = Map.ofEntries(
            Map.entry("CI", CAST_IRON), Map.entry("CAST IRON", CAST_IRON), Map.entry("GREY IRON", CAST_IRON),
            Map.entry("DI", DUCTILE_IRON), Map.entry("DIP", DUCTILE_IRON), Map.entry("DUCTILE IRON", DUCTILE_IRON),
            Map.entry("PVC", PVC), Map.entry("PVCO", PVC), Map.entry("C900", PVC),
            Map.entry("AC", ASBESTOS_CEMENT), Map.entry("ACP", ASBESTOS_CEMENT),
            Map.entry("ASBESTOS CEMENT", ASBESTOS_CEMENT),
            Map.entry("STL", STEEL), Map.entry("ST", STEEL), Map.entry("STEEL", STEEL),
            Map.entry("CPP", CONCRETE), Map.entry("PCCP", CONCRETE), Map.entry("CONCRETE", CONCRETE),
            Map.entry("HDPE", POLYETHYLENE), Map.entry("PE", POLYETHYLENE), Map.entry("POLYETHYLENE", POLYETHYLENE),
            Map.entry("CU", COPPER), Map.entry("COPPER", COPPER),
            Map.entry("OTHER", OTHER), Map.entry("UNK", UNKNOWN), Map.entry("UNKNOWN", UNKNOWN));

    /** The vocabulary word stored in the database, e.g. {@code cast_iron}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A vocabulary word ({@code cast_iron}) or a common code ({@code CI}, {@code HDPE}), case-insensitively. */
    public static Optional<Material> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Material m : values()) {
            if (m.name().equals(t.replace(' ', '_'))) {
                return Optional.of(m);
            }
        }
        return Optional.ofNullable(COMMON.get(t.replace('_', ' ')));
    }
}
