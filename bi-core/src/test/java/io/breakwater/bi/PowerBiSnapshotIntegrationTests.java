package io.breakwater.bi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.bi.testing.DemoFixture;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.ProgressListener;
import io.breakwater.db.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export folder is a snapshot: written aside and renamed into place, so a Power BI refresh reading it sees the
 * previous export or the new one whole, never half a folder, and a failed export leaves the previous one as it was.
 */
class PowerBiSnapshotIntegrationTests {
    @TempDir
    Path dir;

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The files of a whole export: one per table it wrote, the project and the .pbids and README. */
    private static Set<String> expectedFiles(ExportResult result) {
        Set<String> files = new TreeSet<>(Set.of("breakwater.pbids", "README.md", "Breakwater.pbip", ".gitignore",
                "Breakwater.SemanticModel", "Breakwater.Report"));
        result.tables().forEach(t -> files.add(t.file().getFileName().toString()));
        assertThat(result.tables()).hasSizeGreaterThan(10);
        return files;
    }

    @Test
    void aReaderPollingTheFolderSeesNoFolderOrAWholeExportNeverHalfOne() throws Exception {
        Path out = dir.resolve("exports").resolve("powerbi");
        AtomicBoolean exporting = new AtomicBoolean(true);
        List<Set<String>> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (exporting.get()) {
                try {
                    Set<String> names = names(out);
                    synchronized (seen) {
                        seen.add(names);
                    }
                } catch (NoSuchFileException absent) {
                    // before the first export, or between the two renames of a replacement
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        Set<String> whole;
        try (BreakwaterStore store = DemoFixture.refreshed(dir, 5, StarSchemaTests.CLOCK)) {
            reader.start();
            ExportResult last = null;
            for (int i = 0; i < 3; i++) {
                last = PowerBiExport.to(out).build().export(store, ProgressListener.NONE);
            }
            whole = expectedFiles(last);
        } finally {
            exporting.set(false);
            reader.join(10_000);
        }
        assertThat(seen).as("the reader looked at the folder while it was replaced").isNotEmpty();
        assertThat(seen).allSatisfy(names -> assertThat(names).isEqualTo(whole));
        assertThat(names(out.getParent())).as("no work folder left beside the export, the replaced one kept")
                .containsExactly(".powerbi.previous", "powerbi");
    }

    @Test
    void aNewExportReplacesThePreviousOneWhole() throws Exception {
        Path out = dir.resolve("powerbi");
        ExportResult parquet;
        ExportResult csv;
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.SQLITE, dir)) {
            DemoFixture.fill(store, 5);
            StarSchema.refresh(store, StarSchemaTests.CLOCK, ProgressListener.NONE);
            csv = PowerBiExport.to(out).format(ExportFormat.CSV).build().export(store, ProgressListener.NONE);
            assertThat(names(out)).isEqualTo(expectedFiles(csv));
            parquet = PowerBiExport.to(out).build().export(store, ProgressListener.NONE);
        }
        assertThat(names(out)).as("no CSV left from the previous export").isEqualTo(expectedFiles(parquet))
                .noneMatch(n -> n.endsWith(".csv"));
        assertThat(names(dir)).filteredOn(n -> n.startsWith(".powerbi")).containsExactly(".powerbi.previous");
        assertThat(names(dir.resolve(".powerbi.previous"))).as("the replaced CSV export kept whole for its readers")
                .isEqualTo(expectedFiles(csv));
    }

    @Test
    void aFailedExportLeavesThePreviousExportAsItWas() throws Exception {
        Path out = dir.resolve("powerbi");
        try (BreakwaterStore store = DemoFixture.refreshed(dir, 5, StarSchemaTests.CLOCK)) {
            ExportResult first = PowerBiExport.to(out).build().export(store, ProgressListener.NONE);
            byte[] breaks = Files.readAllBytes(out.resolve("fct_break.parquet"));
            // an export killed half-way leaves its work folder: the next one clears it
            Files.createDirectories(dir.resolve(".powerbi.writing-killed").resolve("dim_date.parquet"));
            store.dsl().execute("DROP TABLE fct_risk_score");
            assertThatThrownBy(() -> PowerBiExport.to(out).build().export(store, ProgressListener.NONE))
                    .isInstanceOf(RuntimeException.class);
            assertThat(names(out)).isEqualTo(expectedFiles(first));
            assertThat(out.resolve("fct_break.parquet")).hasBinaryContent(breaks);
        }
        assertThat(names(dir)).filteredOn(n -> n.startsWith(".powerbi")).as("work folder deleted").isEmpty();
    }

    @Test
    void aFolderHoldingSomethingElseIsRefusedAndLeftAlone() throws Exception {
        Path out = dir.resolve("documents");
        Files.createDirectories(out);
        Files.writeString(out.resolve("budget.xlsx"), "mine");
        try (BreakwaterStore store = TestStores.fresh(TestStores.Kind.DUCKDB, dir)) {
            assertThatThrownBy(() -> PowerBiExport.to(out).build().export(store, ProgressListener.NONE))
                    .isInstanceOf(BreakwaterException.class)
                    .hasMessageContaining(out.toString()).hasMessageContaining("not a previous export")
                    .satisfies(e -> assertThat(((BreakwaterException) e).errorCode())
                            .isEqualTo(ErrorCode.INVALID_CONFIGURATION));
        }
        assertThat(names(out)).containsExactly("budget.xlsx");
        assertThat(names(dir)).filteredOn(n -> n.startsWith(".documents")).isEmpty();
    }
}
