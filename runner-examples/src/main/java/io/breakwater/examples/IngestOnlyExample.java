package io.breakwater.examples;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import java.nio.file.Path;

/**
 * One stage on its own: the Toronto neighbourhoods and break records ingested into an in-memory DuckDB store.
 *
 * <pre>java io.breakwater.examples.IngestOnlyExample SAMPLE_DATA_DIR</pre>
 */
public final class IngestOnlyExample {
    private IngestOnlyExample() {
    }

    public static void main(String[] args) {
        Path toronto = Path.of(args.length > 0 ? args[0] : "sample-data/toronto");
        try (BreakwaterStore store = BreakwaterStore.open("memory")) {
            Ingest ingest = Ingest.into(store);
            ingest.areas(toronto.resolve("neighbourhoods-mapping.yaml"), toronto.resolve("neighbourhoods_140.geojson"));
            IngestReport report = ingest.breaks(toronto.resolve("breaks-mapping.yaml"),
                    toronto.resolve("watermain_breaks_1990_2016.csv"));
            System.out.println(report.summary());
            System.out.printf("read %d = loaded %d + rejected %d%n", report.rowsRead(), report.rowsLoaded(),
                    report.rowsRejected());
        }
    }
}
