package io.breakwater.bi.internal.pbip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural reader of the TMDL the export writes, for tests: checks the indentation (tabs only, one level deeper at
 * a time, multi-line expressions deeper than their property), knows the object kinds at each level and collects
 * tables, columns, measures with their DAX, partitions and relationships. Fails with the file and line of the first
 * line it cannot place.
 */
public final class TmdlParse {
    private static final Set<String> TOP_LEVEL = Set.of("database", "model", "table", "relationship", "expression",
            "annotation", "ref");
    private static final Set<String> TABLE_CHILDREN = Set.of("column", "measure", "partition", "hierarchy",
            "annotation", "dataCategory", "isHidden", "lineageTag", "description");
    private static final Pattern NAME = Pattern.compile("'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_]*)");

    /** A table: its columns (name to properties), measures (name to DAX) and partition source. */
    public record Table(String name, Map<String, Map<String, String>> columns, Map<String, String> measures,
            Map<String, String> properties, List<String> partitionSources) {
    }

    /** A relationship: from and to as table.column, and whether it is active. */
    public record Rel(String fromTable, String fromColumn, String toTable, String toColumn, boolean active) {
    }

    public final Map<String, Table> tables = new LinkedHashMap<>();
    public final List<Rel> relationships = new ArrayList<>();
    public final Map<String, String> expressions = new LinkedHashMap<>();

    /** Parses one file; {@code file} names it in failures. */
    public void parse(String file, String text) {
        String[] lines = text.split("\n", -1);
        Table table = null;
        Map<String, String> object = null;  // properties of the current level-1 object (column, relationship...)
        String objectKind = null;
        StringBuilder expression = null;     // an open multi-line expression
        int expressionDepth = -1;
        Consumer<String> expressionSink = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = file + ":" + (i + 1) + ": ";
            if (line.isBlank()) {
                if (expression != null) {
                    expression.append('\n');
                }
                continue;
            }
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '\t') {
                depth++;
            }
            String content = line.substring(depth);
            if (content.startsWith(" ") && expression == null) {
                throw new AssertionError(where + "indented with spaces, TMDL indents with tabs: " + line);
            }
            if (expression != null) {
                if (depth >= expressionDepth) {
                    expression.append(line.substring(expressionDepth)).append('\n');
                    continue;
                }
                expressionSink.accept(expression.toString().strip());
                expression = null;
            }
            if (content.startsWith("///")) {
                continue;
            }
            String keyword = content.split("[ :=]", 2)[0];
            if (depth == 0) {
                if (!TOP_LEVEL.contains(keyword)) {
                    throw new AssertionError(where + "unknown top-level object '" + keyword + "'");
                }
                table = null;
                object = null;
                if (keyword.equals("table")) {
                    String name = name(content.substring(6), where);
                    table = new Table(name, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                            new ArrayList<>());
                    tables.put(name, table);
                } else if (keyword.equals("relationship")) {
                    object = new LinkedHashMap<>();
                    objectKind = "relationship";
                    Map<String, String> rel = object;
                    relationships.add(null);
                    int index = relationships.size() - 1;
                    rel.put("#index", Integer.toString(index));
                } else if (keyword.equals("expression")) {
                    String rest = content.substring("expression ".length());
                    expressions.put(name(rest, where), rest.substring(rest.indexOf('=') + 1).strip());
                }
                continue;
            }
            if (depth == 1 && table != null) {
                if (!TABLE_CHILDREN.contains(keyword) && !content.contains(":")) {
                    throw new AssertionError(where + "unknown table child '" + keyword + "'");
                }
                objectKind = keyword;
                object = new LinkedHashMap<>();
                if (keyword.equals("column")) {
                    table.columns().put(name(content.substring(7), where), object);
                } else if (keyword.equals("measure")) {
                    String rest = content.substring(8);
                    String measure = name(rest, where);
                    String dax = rest.substring(rest.indexOf('=') + 1).strip();
                    if (dax.isEmpty()) {
                        expression = new StringBuilder();
                        expressionDepth = depth + 2;
                        Map<String, String> measures = table.measures();
                        expressionSink = dax2 -> measures.put(measure, dax2);
                    } else {
                        table.measures().put(measure, dax);
                    }
                } else if (content.contains(":")) {
                    table.properties().put(keyword, content.substring(content.indexOf(':') + 1).strip());
                }
                continue;
            }
            if (depth == 1 && "relationship".equals(objectKind) && object != null) {
                property(object, content, where);
                if (object.containsKey("fromColumn") && object.containsKey("toColumn")) {
                    String[] from = object.get("fromColumn").split("\\.", 2);
                    String[] to = object.get("toColumn").split("\\.", 2);
                    relationships.set(Integer.parseInt(object.get("#index")), new Rel(unquote(from[0]),
                            unquote(from[1]), unquote(to[0]), unquote(to[1]), !"false".equals(object.get("isActive"))));
                }
                continue;
            }
            if (depth == 1) {
                continue; // properties of model, database, expression
            }
            if (depth == 2 && object != null) {
                if (content.startsWith("source =") || content.equals("source =")) {
                    String inline = content.substring("source =".length()).strip();
                    if (inline.isEmpty()) {
                        expression = new StringBuilder();
                        expressionDepth = depth + 2;
                        expressionSink = table.partitionSources()::add;
                    } else {
                        table.partitionSources().add(inline);
                    }
                } else {
                    property(object, content, where);
                }
                continue;
            }
            if (depth >= 3 && "dataAccessOptions".equals(keyword)) {
                continue;
            }
            if (depth == 2 && object == null) {
                continue; // nested options of model
            }
            throw new AssertionError(where + "line at depth " + depth + " belongs to no object: " + line);
        }
        if (expression != null) {
            expressionSink.accept(expression.toString().strip());
        }
        if (relationships.contains(null)) {
            throw new AssertionError(file + ": a relationship without fromColumn and toColumn");
        }
    }

    private static void property(Map<String, String> object, String content, String where) {
        int colon = content.indexOf(':');
        if (colon < 0) {
            object.put(content.strip(), "true"); // a flag such as isKey
        } else {
            object.put(content.substring(0, colon).strip(), content.substring(colon + 1).strip());
        }
        if (content.substring(0, colon < 0 ? content.length() : colon).contains(" ")) {
            throw new AssertionError(where + "not a property: " + content);
        }
    }

    private static String name(String text, String where) {
        Matcher m = NAME.matcher(text);
        if (!m.lookingAt()) {
            throw new AssertionError(where + "no object name in '" + text + "'");
        }
        return m.group(1) != null ? m.group(1).replace("''", "'") : m.group(2);
    }

    private static String unquote(String name) {
        return name.startsWith("'") ? name.substring(1, name.length() - 1).replace("''", "'") : name;
    }

    /** Column references ({@code table[column]}, {@code 'table'[column]}) of a DAX expression, as table.column. */
    public static List<String[]> columnReferences(String dax) {
        List<String[]> refs = new ArrayList<>();
        Matcher m = Pattern.compile("(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_]*))\\[([^\\]]+)\\]")
                .matcher(withoutStrings(dax));
        while (m.find()) {
            refs.add(new String[] {m.group(1) != null ? m.group(1) : m.group(2), m.group(3)});
        }
        return refs;
    }

    /** Measure references ({@code [name]} not preceded by a table) of a DAX expression. */
    public static List<String> measureReferences(String dax) {
        List<String> refs = new ArrayList<>();
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_'\\]])\\[([^\\]]+)\\]").matcher(withoutStrings(dax));
        while (m.find()) {
            refs.add(m.group(1));
        }
        return refs;
    }

    private static String withoutStrings(String dax) {
        return dax.replaceAll("\"(?:[^\"]|\"\")*\"", "\"\"");
    }
}
