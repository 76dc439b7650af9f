package io.breakwater.etl.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small synthetic inputs for the environment steps, written into a test's folder. */
public final class EnvFixtures {
    public static final int PIPES = 20;
    public static final int BREAKS = 200;
    public static final double LON0 = -79.40;
    public static final double LAT0 = 43.70;
    /** Metres per degree of latitude on the local plane used for snapping. */
    public static final double M_PER_DEG_LAT = Math.toRadians(1) * 6_371_008.8;

    private EnvFixtures() {
    }

    public static double pipeLat(int i) {
        return LAT0 + i * 0.002;
    }

    /** The offset (metres, north of its pipe) of break {@code j}. */
    public static double breakOffsetMetres(int j) {
        return 2 + (j % 11);
    }

    /** 20 east-west pipes about 800 m long, 222 m apart, with the city's own material codes. */
    public static Path pipes(Path dir) {
        String[] materials = {"CI", "DI", "PVC", "AC", "CPP", "HDPE", "STL", "PVCO", "CU", "XX"};
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < PIPES; i++) {
            sb.append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"PIPE_ID\":\"P%03d\","
                    + "\"MATERIAL\":\"%s\",\"DIAM_IN\":%d,\"INSTALL_YR\":%d,\"STATUS\":\"ACT\",\"PZONE\":\"Z%d\"},"
                    + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]}}%s\n",
                    i, materials[i % materials.length], 6 + 2 * (i % 4), 1920 + 3 * i, i % 3,
                    LON0, pipeLat(i), LON0 + 0.005, pipeLat(i), LON0 + 0.01, pipeLat(i), i < PIPES - 1 ? "," : ""));
        }
        sb.append("]}\n");
        return write(dir.resolve("pipes.geojson"), sb.toString());
    }

    /** A soil mapping of polygons whose properties are zone_id, soil_type, corrosivity and shrink_swell. */
    public static String soilMapping(String source) {
        return """
                source: %s
                kind: soil
                format: { type: geojson }
                id: { columns: [zone_id] }
                attributes:
                  soilType:    { column: soil_type }
                  corrosivity: { column: corrosivity }
                  shrinkSwell: { column: shrink_swell }
                """.formatted(source);
    }

    public static Path pipesMapping(Path dir) {
        return write(dir.resolve("pipes-mapping.yaml"), """
                source: test-pipes
                kind: pipes
                format: { type: geojson }
                crs: "EPSG:4326"
                id: { columns: [PIPE_ID] }
                attributes:
                  material:    { column: MATERIAL, codes: { CI: cast_iron, DI: ductile_iron, PVC: pvc, PVCO: pvc,
                                                            AC: asbestos_cement, CPP: concrete, HDPE: polyethylene,
                                                            STL: steel, CU: copper } }
                  diameter:    { column: DIAM_IN, unit: in }
                  installYear: { column: INSTALL_YR }
                  status:      { column: STATUS, codes: { ACT: active, ABN: abandoned } }
                  pressureZone: { column: PZONE }
                """);
    }

    /**
     * 200 breaks, each a few metres north of pipe {@code j % 20}; every tenth break ({@code j % 10 == 0}) has no
     * asset id.
     */
    public static Path breaks(Path dir) {
        StringBuilder sb = new StringBuilder("BREAK_ID,BREAK_DATE,LON,LAT,ASSET_ID\n");
        for (int j = 0; j < BREAKS; j++) {
            int pipe = j % PIPES;
            double lon = LON0 + 0.0005 + (j % 19) * 0.0005;
            double lat = pipeLat(pipe) + breakOffsetMetres(j) / M_PER_DEG_LAT;
            String asset = j % 10 == 0 ? "" : String.format(Locale.ROOT, "P%03d", pipe);
            sb.append(String.format(Locale.ROOT, "B%04d,2015-%02d-%02d,%.7f,%.7f,%s\n", j, 1 + j % 12, 1 + j % 28,
                    lon, lat, asset));
        }
        return write(dir.resolve("breaks.csv"), sb.toString());
    }

    public static Path breaksMapping(Path dir) {
        return write(dir.resolve("breaks-mapping.yaml"), """
                source: test-breaks
                kind: breaks
                format: { type: csv }
                id: { columns: [BREAK_ID] }
                date: { column: BREAK_DATE, patterns: [yyyy-MM-dd] }
                coordinates:
                  pairs:
                    - { x: LON, y: LAT, crs: "EPSG:4326" }
                attributes:
                  assetId: { column: ASSET_ID }
                """);
    }

    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
