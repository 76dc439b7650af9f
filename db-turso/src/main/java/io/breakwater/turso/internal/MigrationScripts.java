package io.breakwater.turso.internal;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the Flyway migration scripts this build ships and splits them into statements for a remote database. */
public final class MigrationScripts {
    private MigrationScripts() {
    }

    /** The statements of the migration script {@code script} (e.g. {@code V1__breakwater_schema.sql}). */
    public static List<String> statements(String script) {
        String folder = BreakwaterStore.MIGRATION_LOCATION.substring("classpath:".length());
        String resource = folder + "/" + script;
        try (InputStream in = BreakwaterStore.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new BreakwaterException(ErrorCode.SCHEMA_MISMATCH, "migration " + script
                        + " is recorded in the local schema history but this build does not ship it (" + resource + ")");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "cannot read migration " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Splits a SQL script into statements at semicolons outside quotes and comments; drops comments and empty
     * statements. Enough for the portable DDL subset our migrations use (no procedural blocks).
     */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < n) {
                    if (script.charAt(end) == c) {
                        if (end + 1 < n && script.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                current.append(script, i, Math.min(end + 1, n));
                i = end + 1;
                continue;
            }
            if (c == ';') {
                add(statements, current);
                current.setLength(0);
                i++;
                continue;
            }
            current.append(c);
            i++;
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder text) {
        String statement = text.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
