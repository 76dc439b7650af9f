package io.breakwater.bi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * A small logic-less template (a subset of Mustache) for the report's HTML resources: {@code {{name}}} is the value
 * HTML-escaped, {@code {{{name}}}} the value as is (markup the writer made: SVG maps, inlined scripts),
 * {@code {{#name}}...{{/name}}} repeats its body once per item of a collection ({@code {{.}}} is the item, escaped)
 * or shows it once when the value is {@code true} or a non-empty text, and {@code {{^name}}...{{/name}}} shows its
 * body when the value is missing, false or empty. Values are never scanned for tags.
 */
public record ReportTemplate(String name, String text) {
    /** The template resource {@code name} beside this class. */
    public static ReportTemplate resource(String name) {
        return new ReportTemplate(name, resourceText(name));
    }

    static String resourceText(String name) {
        try (InputStream in = ReportTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(Map<String, ?> values) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        render(text, values, null, out);
        return out.toString();
    }

    private void render(String body, Map<String, ?> values, Object item, StringBuilder out) {
        int at = 0;
        while (true) {
            int open = body.indexOf("{{", at);
            if (open < 0) {
                out.append(body, at, body.length());
                return;
            }
            out.append(body, at, open);
            boolean raw = body.startsWith("{{{", open);
            int close = body.indexOf(raw ? "}}}" : "}}", open);
            if (close < 0) {
                throw new IllegalStateException(name + ": unclosed tag at offset " + open);
            }
            String tag = body.substring(open + (raw ? 3 : 2), close).strip();
            at = close + (raw ? 3 : 2);
            char kind = tag.charAt(0);
            if (kind == '#' || kind == '^') {
                String key = tag.substring(1);
                String end = "{{/" + key + "}}";
                int endAt = body.indexOf(end, at);
                if (endAt < 0) {
                    throw new IllegalStateException(name + ": " + tag + " has no " + end);
                }
                section(kind == '#', body.substring(at, endAt), values.get(key), values, out);
                at = endAt + end.length();
            } else {
                Object value = tag.equals(".") ? item : values.get(tag);
                if (value == null && !tag.equals(".") && !values.containsKey(tag)) {
                    throw new IllegalStateException(name + ": no value for {{" + tag + "}}");
                }
                String s = value == null ? "" : value.toString();
                out.append(raw ? s : SvgMap.escape(s));
            }
        }
    }

    private void section(boolean positive, String body, Object value, Map<String, ?> values, StringBuilder out) {
        boolean present = value instanceof Collection<?> c ? !c.isEmpty()
                : value instanceof Boolean b ? b : value != null && !value.toString().isEmpty();
        if (!positive) {
            if (!present) {
                render(body, values, null, out);
            }
        } else if (value instanceof Collection<?> items) {
            for (Object each : items) {
                render(body, values, each, out);
            }
        } else if (present) {
            render(body, values, value, out);
        }
    }
}
