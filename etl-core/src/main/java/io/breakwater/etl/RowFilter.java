package io.breakwater.etl;

import io.breakwater.etl.internal.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source mapping's row filter ({@code filter:}), checked entirely when the mapping is compiled: a row must pass
 * every rule to be read; a row that fails one is counted as filtered with that rule's text, neither loaded nor
 * rejected. Rules test raw column values: {@code equals}, {@code notEquals}, {@code in}, {@code notIn} (text after
 * trimming; {@code ignoreCase} to compare without case), {@code min}/{@code max} (a decimal number, inclusive; a
 * value that is not a number fails the rule), {@code isNull} (blank or absent); {@code anyOf} holds when any of its
 * rules does.
 *
 * <pre>{@code
 * filter:
 *   - { column: MUNICIPALITY, equals: Springfield }
 *   - { column: BREAK_TYPE, notIn: [SERVICE, HYDRANT] }
 *   - anyOf: [ { column: DIAM_IN, min: 4 }, { column: DIAM_IN, isNull: true } ]
 * }</pre>
 */
public final class RowFilter {
    private static final RowFilter NONE = new RowFilter(List.of());
    private final List<Rule> rules;

    private RowFilter(List<Rule> rules) {
        this.rules = rules;
    }

    /** The filter of {@code mapping} (none when it has no {@code filter:}), refusing a malformed rule by its key. */
    public static RowFilter of(SourceMapping.File mapping) {
        List<SourceMapping.FilterRule> declared = mapping.mapping().filter();
        if (declared == null || declared.isEmpty()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            rules.add(compile(mapping, declared.get(i), "filter[" + i + "]"));
        }
        return new RowFilter(List.copyOf(rules));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The columns the rules read, each with the mapping key that names it. */
    List<String[]> columns() {
        List<String[]> out = new ArrayList<>();
        for (Rule r : rules) {
            r.collect(out);
        }
        return out;
    }

    /**
     * The filter bound to {@code source}'s header: every column a rule names must be there (refused naming the rule's
     * key and the columns the file has).
     */
    public Bound bind(RecordSource source) {
        List<Rule> bound = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            bound.add(r.bind(source));
        }
        return new Bound(bound);
    }

    /** A filter bound to one file's columns. */
    public static final class Bound {
        private final List<Rule> rules;

        private Bound(List<Rule> rules) {
            this.rules = rules;
        }

        /** {@code null} when {@code record} passes; else the text of the first rule it fails. */
        public String failedRule(SourceRecord record) {
            for (Rule r : rules) {
                if (!r.test(record)) {
                    return r.text;
                }
            }
            return null;
        }
    }

    private static Rule compile(SourceMapping.File mapping, SourceMapping.FilterRule rule, String key) {
        if (rule == null) {
            throw mapping.invalid(key, "empty rule; expected e.g. { column: STATUS, equals: ACTIVE }");
        }
        if (rule.anyOf() != null) {
            if (rule.column() != null || conditions(rule) > 0) {
                throw mapping.invalid(key, "anyOf stands alone: put the column conditions inside its rules");
            }
            if (rule.anyOf().isEmpty()) {
                throw mapping.invalid(key + ".anyOf", "expected at least one rule");
            }
            List<Rule> any = new ArrayList<>();
            for (int i = 0; i < rule.anyOf().size(); i++) {
                any.add(compile(mapping, rule.anyOf().get(i), key + ".anyOf[" + i + "]"));
            }
            return new Rule(key, null, null, any.stream().map(r -> r.text)
                    .collect(Collectors.joining(" or ", "(", ")")), null, null, null, null, null, null, null, false, any);
        }
        if (rule.column() == null || rule.column().isBlank()) {
            throw mapping.invalid(key + ".column", "missing: the column the rule tests");
        }
        if (conditions(rule) == 0) {
            throw mapping.invalid(key, "no condition: expected one or more of equals, notEquals, in, notIn, min, max, isNull");
        }
        if (rule.in() != null && rule.in().isEmpty()) {
            throw mapping.invalid(key + ".in", "expected at least one value");
        }
        if (rule.min() != null && rule.max() != null && rule.min() > rule.max()) {
            throw mapping.invalid(key, "min " + rule.min() + " is above max " + rule.max());
        }
        for (Double bound : new Double[] {rule.min(), rule.max()}) {
            if (bound != null && !Double.isFinite(bound)) {
                throw mapping.invalid(key, "min and max must be finite numbers");
            }
        }
        boolean ignoreCase = Boolean.TRUE.equals(rule.ignoreCase());
        return new Rule(key, rule.column(), -1, text(rule), norm(rule.equals(), ignoreCase),
                norm(rule.notEquals(), ignoreCase), set(rule.in(), ignoreCase), set(rule.notIn(), ignoreCase),
                rule.min(), rule.max(), rule.isNull(), ignoreCase, null);
    }

    private static int conditions(SourceMapping.FilterRule r) {
        int n = 0;
        for (Object o : new Object[] {r.equals(), r.notEquals(), r.in(), r.notIn(), r.min(), r.max(), r.isNull()}) {
            n += o == null ? 0 : 1;
        }
        return n;
    }

    private static String text(SourceMapping.FilterRule r) {
        List<String> parts = new ArrayList<>();
        String c = r.column();
        if (r.equals() != null) {
            parts.add(c + " = '" + r.equals() + "'");
        }
        if (r.notEquals() != null) {
            parts.add(c + " <> '" + r.notEquals() + "'");
        }
        if (r.in() != null) {
            parts.add(c + " in " + r.in());
        }
        if (r.notIn() != null) {
            parts.add(c + " not in " + r.notIn());
        }
        if (r.min() != null) {
            parts.add(c + " >= " + plain(r.min()));
        }
        if (r.max() != null) {
            parts.add(c + " <= " + plain(r.max()));
        }
        if (r.isNull() != null) {
            parts.add(c + (r.isNull() ? " is empty" : " is not empty"));
        }
        return String.join(" and ", parts) + (Boolean.TRUE.equals(r.ignoreCase()) ? " (ignoring case)" : "");
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String norm(String s, boolean ignoreCase) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return ignoreCase ? t.toLowerCase(Locale.ROOT) : t;
    }

    private static Set<String> set(List<String> values, boolean ignoreCase) {
        if (values == null) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (String v : values) {
            out.add(v == null ? null : norm(v, ignoreCase));
        }
        return out;
    }

    /** One compiled rule; {@code column} resolved to an index by {@link #bind}. */
    private record Rule(String key, String columnName, Integer column, String text, String equals, String notEquals,
            Set<String> in, Set<String> notIn, Double min, Double max, Boolean isNull, boolean ignoreCase,
            List<Rule> anyOf) {

        void collect(List<String[]> out) {
            if (anyOf != null) {
                anyOf.forEach(r -> r.collect(out));
            } else {
                out.add(new String[] {columnName, key + ".column"});
            }
        }

        Rule bind(RecordSource source) {
            if (anyOf != null) {
                return new Rule(key, null, null, text, null, null, null, null, null, null, null, false,
                        anyOf.stream().map(r -> r.bind(source)).toList());
            }
            return new Rule(key, columnName, source.requireColumn(columnName, key + ".column"), text, equals,
                    notEquals, in, notIn, min, max, isNull, ignoreCase, null);
        }

        boolean test(SourceRecord r) {
            if (anyOf != null) {
                for (Rule rule : anyOf) {
                    if (rule.test(r)) {
                        return true;
                    }
                }
                return false;
            }
            String value = r.trimmed(column);
            if (isNull != null && isNull != (value == null)) {
                return false;
            }
            if (value == null) {
                // an empty value passes only isNull: true and notEquals / notIn
                return equals == null && in == null && min == null && max == null;
            }
            String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
            if (equals != null && !equals.equals(v)) {
                return false;
            }
            if (notEquals != null && notEquals.equals(v)) {
                return false;
            }
            if (in != null && !in.contains(v)) {
                return false;
            }
            if (notIn != null && notIn.contains(v)) {
                return false;
            }
            if (min != null || max != null) {
                double d = Numbers.decimal(value);
                if (Double.isNaN(d) || (min != null && d < min) || (max != null && d > max)) {
                    return false;
                }
            }
            return true;
        }
    }
}
