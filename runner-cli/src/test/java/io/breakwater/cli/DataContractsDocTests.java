package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/data-contracts.md names every table the migrations leave in the schema (issue 20, item 5). */
class DataContractsDocTests {
    private static final Path MIGRATIONS = LibraryMessagesTests.ROOT
            .resolve("db-contracts/src/main/resources/io/breakwater/db/migration");
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final Pattern STATEMENT = Pattern.compile("(?i)\\b(CREATE|DROP)\\s+TABLE\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?"
            + "\"?(\\w+)\"?|\\bALTER\\s+TABLE\\s+\"?(\\w+)\"?\\s+RENAME\\s+TO\\s+\"?(\\w+)\"?");

    @Test
    void everyTableOfEveryMigrationIsNamedInTheDataContracts() throws IOException {
        Set<String> tables = tablesOfTheMigrations();
        assertThat(tables).as("the scan reads the migrations").contains("pipe_breaks_clean", "area_soil", "dim_date");
        String doc = Files.readString(LibraryMessagesTests.ROOT.resolve("docs/data-contracts.md"), StandardCharsets.UTF_8);
        List<String> missing = tables.stream().filter(t -> !doc.contains("`" + t + "`")).toList();
        assertThat(missing).as("tables created by a migration that docs/data-contracts.md does not name").isEmpty();
    }

    /** The tables the migrations create, in version order, minus those a later one drops or renames. */
    static Set<String> tablesOfTheMigrations() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            scripts = new ArrayList<>(files.filter(f -> VERSION.matcher(f.getFileName().toString()).matches()).toList());
        }
        scripts.sort(Comparator.comparingInt(DataContractsDocTests::version));
        Set<String> tables = new LinkedHashSet<>();
        for (Path script : scripts) {
            String sql = Files.readString(script, StandardCharsets.UTF_8).replaceAll("--[^\\n]*", "");
            Matcher m = STATEMENT.matcher(sql);
            while (m.find()) {
                if (m.group(1) != null) {
                    String table = m.group(2).toLowerCase(Locale.ROOT);
                    if (m.group(1).equalsIgnoreCase("CREATE")) {
                        tables.add(table);
                    } else {
                        tables.remove(table);
                    }
                } else {
                    tables.remove(m.group(3).toLowerCase(Locale.ROOT));
                    tables.add(m.group(4).toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    private static int version(Path script) {
        Matcher m = VERSION.matcher(script.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
