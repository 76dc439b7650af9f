package io.breakwater.examples;

import io.breakwater.db.BreakwaterStore;
import io.breakwater.etl.Ingest;
import io.breakwater.etl.IngestReport;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceMapping.ColumnSpec;
import io.breakwater.etl.SourceMapping.CoordinatePair;
import io.breakwater.etl.soil.SoilIngest;
import java.nio.file.Path;

/**
 * Source mappings built in code instead of read from YAML files: the Toronto break records described key by key
 * (the same keys as {@code sample-data/toronto/breaks-mapping.yaml}) and ingested into an in-memory DuckDB store,
 * then the synthetic soil layer (as {@code soil-mapping.yaml}).
 *
 * <pre>java io.breakwater.examples.MappingInCodeExample SAMPLE_DATA_DIR</pre>
 */
public final class MappingInCodeExample {
    /** NAD27 / MTM zone 10 with the Canadian NAD27 to WGS84 shift (proj4j's EPSG:2019 has none). */
    private static final String MTM10_NAD27 = "+proj=tmerc +lat_0=0 +lon_0=-79.5 +k=0.9999 +x_0=304800 +y_0=0 "
            + "+ellps=clrk66 +towgs84=-10,158,187,0,0,0,0 +units=m +no_defs";

    private MappingInCodeExample() {
    }

    public static void main(String[] args) {
        Path toronto = Path.of(args.length > 0 ? args[0] : "sample-data/toronto");
        SourceMapping breaks = SourceMapping.builder("toronto-breaks", "breaks")
                .csv(",")
                .id("BREAK_DATE", "XCOORD", "YCOORD")               // no id column: date and place are the key
                .date("BREAK_DATE", "yyyyMMdd")                      // plain local dates: no zone
                .year("BREAK_YEAR")                                   // checked against the date
                .coordinates(100.0,                                   // the two pairs must agree within 100 m
                        new CoordinatePair("XCOORD", "YCOORD", MTM10_NAD27),
                        new CoordinatePair("POINT_X", "POINT_Y", "EPSG:4326"))
                .serviceArea(-79.70, 43.55, -79.10, 43.90)
                .duplicatesWithin(5)
                .areas("toronto-neighbourhoods")
                .build();

        try (BreakwaterStore store = BreakwaterStore.open("memory")) {
            Ingest ingest = Ingest.into(store);
            ingest.areas(toronto.resolve("neighbourhoods-mapping.yaml"), toronto.resolve("neighbourhoods_140.geojson"));
            SourceMapping.File mapping = SourceMapping.File.of(breaks, toronto);
            System.out.println("mapping " + mapping.path().getFileName() + ", sha256 " + mapping.sha256());
            IngestReport report = ingest.breaks(mapping, toronto.resolve("watermain_breaks_1990_2016.csv"), null);
            System.out.println(report.summary());
            System.out.printf("read %d = loaded %d + rejected %d, flagged %d%n", report.rowsRead(),
                    report.rowsLoaded(), report.rowsRejected(), report.rowsFlagged());

            // the other kinds take a built mapping too: here the synthetic soil layer (soil-mapping.yaml)
            SourceMapping soil = SourceMapping.builder("toronto-soil-synthetic", "soil")
                    .synthetic(true)
                    .geoJson(null)                                    // GeoJSON's own CRS, WGS84
                    .id("zone_id")
                    .attribute("soilType", new ColumnSpec("soil_type", null, null))
                    .attribute("corrosivity", new ColumnSpec("corrosivity", null, null))
                    .attribute("shrinkSwell", new ColumnSpec("shrink_swell", null, null))
                    .build();
            IngestReport zones = ingest.soil(SourceMapping.File.of(soil, toronto),
                    toronto.resolve("soil_zones_SYNTHETIC.geojson"), null);
            System.out.printf("soil zones: read %d = loaded %d + rejected %d%n", zones.rowsRead(), zones.rowsLoaded(),
                    zones.rowsRejected());
        }
    }
}
