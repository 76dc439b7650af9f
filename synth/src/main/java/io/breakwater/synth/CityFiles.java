package io.breakwater.synth;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a synthetic city's files are. Raw inputs with their source mappings (docs/source-mappings.md), the truth
 * and the manifest. {@code truthFull} is null when the city was too large for the pipes x months file.
 */
public record CityFiles(
        Path pipesGeoJson,
        Path pipesMapping,
        Path pipesCsv,
        Path pipesCsvMapping,
        Path areasGeoJson,
        Path areasMapping,
        Path soilGeoJson,
        Path soilMapping,
        Path ecccDirectory,
        List<Path> ecccFiles,
        Path ecccMapping,
        Path ghcnCsv,
        Path ghcnMapping,
        Path breaksCsv,
        Path breaksMapping,
        Path truthPipes,
        Path truthMonths,
        Path truthBreaks,
        Path truthFull,
        Path manifest) {

    public static final String PIPES_GEOJSON = "pipes.geojson";
    public static final String PIPES_MAPPING = "pipes-mapping.yaml";
    public static final String PIPES_CSV = "pipes.csv";
    public static final String PIPES_CSV_MAPPING = "pipes-csv-mapping.yaml";
    public static final String AREAS_GEOJSON = "areas.geojson";
    public static final String AREAS_MAPPING = "areas-mapping.yaml";
    public static final String SOIL_GEOJSON = "soil_zones.geojson";
    public static final String SOIL_MAPPING = "soil-mapping.yaml";
    public static final String ECCC_DIRECTORY = "eccc-daily-6150001";
    public static final String ECCC_MAPPING = "climate-mapping.yaml";
    public static final String GHCN_CSV = "ghcn-daily-CA006150002.csv";
    public static final String GHCN_MAPPING = "climate-ghcn-mapping.yaml";
    public static final String BREAKS_CSV = "WATERMAIN_BREAKS_EXPORT.csv";
    public static final String BREAKS_MAPPING = "breaks-mapping.yaml";
    public static final String TRUTH_PIPES = "truth/pipes.csv.gz";
    public static final String TRUTH_MONTHS = "truth/months.csv";
    public static final String TRUTH_BREAKS = "truth/breaks.csv.gz";
    public static final String TRUTH_FULL = "truth.csv.gz";
    public static final String MANIFEST = "city.json";

    public CityFiles {
        ecccFiles = List.copyOf(ecccFiles);
    }

    /** The files of a city written into {@code dir}. */
    public static CityFiles in(Path dir, List<Path> ecccFiles, boolean truthFullWritten) {
        return new CityFiles(dir.resolve(PIPES_GEOJSON), dir.resolve(PIPES_MAPPING), dir.resolve(PIPES_CSV),
                dir.resolve(PIPES_CSV_MAPPING), dir.resolve(AREAS_GEOJSON), dir.resolve(AREAS_MAPPING),
                dir.resolve(SOIL_GEOJSON), dir.resolve(SOIL_MAPPING), dir.resolve(ECCC_DIRECTORY), ecccFiles,
                dir.resolve(ECCC_MAPPING), dir.resolve(GHCN_CSV), dir.resolve(GHCN_MAPPING), dir.resolve(BREAKS_CSV),
                dir.resolve(BREAKS_MAPPING), dir.resolve(TRUTH_PIPES), dir.resolve(TRUTH_MONTHS),
                dir.resolve(TRUTH_BREAKS), truthFullWritten ? dir.resolve(TRUTH_FULL) : null, dir.resolve(MANIFEST));
    }
}
