package io.breakwater.synth.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.CityResult;
import io.breakwater.synth.SyntheticCity;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manifest {@code city.json}: format version, seed, layout, hazard, knobs, counts and file names. */
final class Manifest {
    private Manifest() {
    }

    static void write(Path file, SyntheticCity city, CityResult r, StreetGrid grid, double centreX, double centreY,
            double base, double exposureKmYears) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", CityGenerator.FORMAT_VERSION);
        root.put("generator", "breakwater synth");
        root.put("seed", r.seed());
        root.put("pipes", r.pipes());
        root.put("years", r.years());
        root.put("firstYear", r.firstYear());
        root.put("lastYear", r.lastYear());
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("projectedCrs", Projection.PROJECTED_CRS);
        layout.put("centreLon", CityGenerator.CENTRE_LON);
        layout.put("centreLat", CityGenerator.CENTRE_LAT);
        layout.put("centreX", centreX);
        layout.put("centreY", centreY);
        layout.put("gridColumns", grid.columns());
        layout.put("gridRows", grid.rows());
        layout.put("areas", r.areas());
        layout.put("soilZones", r.soilZones());
        layout.put("timeZone", CityGenerator.TIME_ZONE);
        root.put("layout", layout);
        root.put("hazard", city.hazard());
        root.put("baseRatePerKmMonth", base);
        root.put("knobs", city.knobs());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("pipes", r.pipes());
        counts.put("activePipes", r.activePipes());
        counts.put("networkKm", r.networkKm());
        counts.put("exposureKmYears", exposureKmYears);
        counts.put("months", r.months());
        counts.put("breaksDrawn", r.breaksDrawn());
        counts.put("breaksPer100KmYear", r.breaksPer100KmYear());
        counts.put("breakRows", r.breakRows());
        counts.put("rowsWithAssetId", r.rowsWithAssetId());
        counts.put("badCoordinateRows", r.badCoordinateRows());
        counts.put("missingDateRows", r.missingDateRows());
        counts.put("duplicateRows", r.duplicateRows());
        counts.put("unknownMaterialPipes", r.unknownMaterialPipes());
        counts.put("pipesReplacedInPeriod", r.pipesReplacedInPeriod());
        counts.put("rowsDatedBeforeInstall", r.rowsDatedBeforeInstall());
        counts.put("ghcnMissingValues", r.ghcnMissingValues());
        root.put("counts", counts);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("pipes", CityFiles.PIPES_GEOJSON);
        files.put("pipesMapping", CityFiles.PIPES_MAPPING);
        files.put("pipesCsv", CityFiles.PIPES_CSV);
        files.put("pipesCsvMapping", CityFiles.PIPES_CSV_MAPPING);
        files.put("areas", CityFiles.AREAS_GEOJSON);
        files.put("areasMapping", CityFiles.AREAS_MAPPING);
        files.put("soil", CityFiles.SOIL_GEOJSON);
        files.put("soilMapping", CityFiles.SOIL_MAPPING);
        List<String> eccc = new ArrayList<>();
        for (Path f : r.files().ecccFiles()) {
            eccc.add(CityFiles.ECCC_DIRECTORY + "/" + f.getFileName());
        }
        files.put("climateEccc", eccc);
        files.put("climateEcccMapping", CityFiles.ECCC_MAPPING);
        files.put("climateGhcn", CityFiles.GHCN_CSV);
        files.put("climateGhcnMapping", CityFiles.GHCN_MAPPING);
        files.put("breaks", CityFiles.BREAKS_CSV);
        files.put("breaksMapping", CityFiles.BREAKS_MAPPING);
        files.put("truthPipes", CityFiles.TRUTH_PIPES);
        files.put("truthMonths", CityFiles.TRUTH_MONTHS);
        files.put("truthBreaks", CityFiles.TRUTH_BREAKS);
        files.put("truthFull", r.files().truthFull() == null ? null : CityFiles.TRUTH_FULL);
        root.put("files", files);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try (Writer out = CityGenerator.writer(file)) {
            mapper.writeValue(out, root);
        }
    }
}
