package io.breakwater.etl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every column a source mapping names, each with the mapping key that names it, for checks before a run. */
final class MappingColumns {
    private MappingColumns() {
    }

    /** {column, key} pairs: id, name, date, year, coordinate pairs, attributes and extra attributes. */
    static List<String[]> of(SourceMapping.File file) {
        SourceMapping m = file.mapping();
        List<String[]> out = new ArrayList<>();
        if (m.id() != null && m.id().columns() != null) {
            for (int i = 0; i < m.id().columns().size(); i++) {
                add(out, m.id().columns().get(i), "id.columns[" + i + "]");
            }
        }
        if (m.name() != null) {
            add(out, m.name().column(), "name.column");
        }
        if (m.date() != null) {
            add(out, m.date().column(), "date.column");
        }
        if (m.year() != null) {
            add(out, m.year().column(), "year.column");
        }
        if (m.coordinates() != null && m.coordinates().pairs() != null) {
            for (int i = 0; i < m.coordinates().pairs().size(); i++) {
                SourceMapping.CoordinatePair p = m.coordinates().pairs().get(i);
                if (p != null) {
                    add(out, p.x(), "coordinates.pairs[" + i + "].x");
                    add(out, p.y(), "coordinates.pairs[" + i + "].y");
                }
            }
        }
        columns(out, m.attributes(), "attributes.");
        columns(out, m.extra(), "extra.");
        return out;
    }

    private static void columns(List<String[]> out, Map<String, SourceMapping.ColumnSpec> specs, String prefix) {
        if (specs != null) {
            specs.forEach((name, spec) -> {
                if (spec != null) {
                    add(out, spec.column(), prefix + name + ".column");
                }
            });
        }
    }

    private static void add(List<String[]> out, String column, String key) {
        if (column != null) {
            out.add(new String[] {column, key});
        }
    }
}
