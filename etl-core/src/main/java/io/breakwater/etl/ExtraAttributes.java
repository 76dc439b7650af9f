package io.breakwater.etl;

import io.breakwater.etl.internal.Numbers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The extra attributes a source mapping declares ({@code extra:}), beyond the canonical ones: a lining flag or
 * coating on pipes, a soil code or cause on breaks, criticality on any asset. Each has a {@code column}, a
 * {@code type} ({@code text}, the default, with optional {@code codes}; {@code number}, with an optional length
 * {@code unit} converted to metres; {@code date}, with {@code patterns} and an optional {@code zone}). Accepted
 * records' values are stored in {@code record_attributes} by the run (see {@link IngestRun#extras}); a value that
 * cannot be read is left out and flags its row ({@code extra_readable}), so that a mapping that misreads a column
 * is loud. Validated entirely when the mapping is compiled, before any transaction opens.
 *
 * <pre>{@code
 * extra:
 *   lined:       { column: LINED, codes: { Y: lined, N: unlined } }
 *   criticality: { column: CRIT_SCORE, type: number }
 *   lining_date: { column: LINING_DT, type: date, patterns: ["yyyy/MM/dd HH:mm:ssX"] }
 * }</pre>
 */
public final class ExtraAttributes {
    /** Extra attribute names: lower case, digits and underscores, starting with a letter. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    static final String CHECK = "extra_readable";
    static final ExtraAttributes NONE = new ExtraAttributes(List.of());

    /** One declared attribute. */
    private record Declared(String name, String key, String type, String column, Map<String, String> codes,
            double unitFactor, DatePatterns dates) {
    }

    private final List<Declared> declared;

    private ExtraAttributes(List<Declared> declared) {
        this.declared = declared;
    }

    /** The extra attributes of {@code mapping}, refusing a malformed declaration by its key. */
    public static ExtraAttributes of(SourceMapping.File mapping) {
        Map<String, SourceMapping.ColumnSpec> extra = mapping.mapping().extra();
        if (extra == null || extra.isEmpty()) {
            return NONE;
        }
        List<Declared> out = new ArrayList<>();
        for (Map.Entry<String, SourceMapping.ColumnSpec> e : extra.entrySet()) {
            String name = e.getKey();
            String key = "extra." + name;
            if (!NAME.matcher(name).matches()) {
                throw mapping.invalid(key, "an extra attribute's name is lower case letters, digits and underscores, "
                        + "starting with a letter (it becomes a feature name)");
            }
            SourceMapping.ColumnSpec spec = e.getValue();
            if (spec == null || spec.column() == null || spec.column().isBlank()) {
                throw mapping.invalid(key + ".column", "missing column name");
            }
            String type = spec.type() == null ? "text" : spec.type().strip().toLowerCase(Locale.ROOT);
            if (!List.of("text", "number", "date").contains(type)) {
                throw mapping.invalid(key + ".type", "expected text, number or date, found '" + spec.type() + "'");
            }
            if (spec.codes() != null && !type.equals("text")) {
                throw mapping.invalid(key + ".codes", "codes apply to text attributes only");
            }
            if (spec.unit() != null && !type.equals("number")) {
                throw mapping.invalid(key + ".unit", "a unit applies to number attributes only");
            }
            if ((spec.patterns() != null || spec.zone() != null) && !type.equals("date")) {
                throw mapping.invalid(key + ".patterns", "patterns and zone apply to date attributes only");
            }
            if (type.equals("date") && (spec.patterns() == null || spec.patterns().isEmpty())) {
                throw mapping.invalid(key + ".patterns", "missing: a date attribute needs at least one java.time "
                        + "pattern such as yyyy-MM-dd");
            }
            double factor = spec.unit() == null ? 1 : Units.factor(mapping, key + ".unit", spec.unit(), "m", "m");
            DatePatterns dates = type.equals("date") ? DatePatterns.of(mapping, key, spec.patterns(), spec.zone()) : null;
            out.add(new Declared(name, key, type, spec.column(), spec.codes(), factor, dates));
        }
        return new ExtraAttributes(List.copyOf(out));
    }

    public boolean isEmpty() {
        return declared.isEmpty();
    }

    /** The declared names, in mapping order. */
    public List<String> names() {
        return declared.stream().map(Declared::name).toList();
    }

    /** Reads the declared attributes of the records of {@code source} (the columns must exist); see {@link Reader}. */
    Reader bind(RecordSource source, QualityCheck readable, String kind, String sourceName, StagedTable stage) {
        int[] columns = new int[declared.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = source.requireColumn(declared.get(i).column(), declared.get(i).key() + ".column");
        }
        return new Reader(columns, readable, kind, sourceName, stage);
    }

    /** The extra attributes of one file's records: read before a row's verdict, staged once it is accepted. */
    public final class Reader {
        private final int[] columns;
        private final QualityCheck readable;
        private final String kind;
        private final String sourceName;
        private final StagedTable stage;

        private Reader(int[] columns, QualityCheck readable, String kind, String sourceName, StagedTable stage) {
            this.columns = columns;
            this.readable = readable;
            this.kind = kind;
            this.sourceName = sourceName;
            this.stage = stage;
        }

        /**
         * The values of {@code record}'s attributes (String, Double or LocalDate; {@code null} when blank or
         * unreadable), flagging the row in {@code verdict} when a value cannot be read. Empty when none are declared.
         */
        public Object[] read(SourceRecord record, RowVerdict verdict) {
            if (columns.length == 0) {
                return null;
            }
            Object[] values = new Object[columns.length];
            String problem = null;
            String badColumn = null;
            String badValue = null;
            for (int i = 0; i < columns.length; i++) {
                String raw = record.trimmed(columns[i]);
                if (raw == null) {
                    continue;
                }
                Declared d = declared.get(i);
                Object value = switch (d.type()) {
                    case "number" -> {
                        double n = Numbers.decimal(raw);
                        yield Double.isNaN(n) ? null : n * d.unitFactor();
                    }
                    case "date" -> d.dates().parseDate(raw);
                    default -> code(d.codes(), raw);
                };
                if (value == null && problem == null) {
                    if (d.type().equals("text")) {
                        value = raw; // kept as written, flagged: the mapping's codes do not know it
                    }
                    badColumn = d.column();
                    badValue = raw;
                    problem = "line " + record.line() + " column " + d.column() + ": '" + raw + "' is not a "
                            + (d.type().equals("date") ? "date matching " + d.dates().patterns()
                                    : d.type().equals("text") ? "code of " + d.key() + ".codes" : "number")
                            + " (" + d.key() + ")";
                }
                values[i] = value;
            }
            if (problem == null) {
                verdict.pass(readable);
            } else {
                verdict.fail(readable, badColumn, badValue, problem);
            }
            return values;
        }

        /**
         * Stages the values read for an accepted record whose curated key is {@code recordId}; a blank value is staged
         * too (as a row without a value), so that the merge removes a value a newer file no longer holds.
         */
        public void add(String recordId, Object[] values) {
            if (values == null) {
                return;
            }
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                Declared d = declared.get(i);
                stage.add(kind, recordId, d.name(), d.type(), v instanceof String s ? s : null,
                        v instanceof Double n ? n : null, v instanceof LocalDate date ? date : null, sourceName);
            }
        }
    }

    /** A text value through the declaration's codes (matched ignoring case); {@code null} when no code matches. */
    private static String code(Map<String, String> codes, String raw) {
        if (codes != null) {
            for (Map.Entry<String, String> c : codes.entrySet()) {
                if (c.getKey().equalsIgnoreCase(raw)) {
                    return c.getValue();
                }
            }
        }
        return codes == null ? raw : null;
    }
}
