package io.breakwater.cli;

import io.breakwater.synth.CityFiles;
import io.breakwater.synth.CityResult;
import io.breakwater.synth.HazardParameters;
import io.breakwater.synth.RealismKnobs;
import io.breakwater.synth.SyntheticCity;
import io.breakwater.synth.layers.LayerFormat;
import io.breakwater.synth.layers.SpatialLayers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code breakwater synth}: writes a synthetic city with a known break hazard. */
@Command(name = "synth", sortOptions = false)
final class SynthCommand extends CliCommand {

    @Mixin
    CityOptions city = new CityOptions(1000, 10, 1);
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the city into (created when missing).")
    Path out;
    @Option(names = "--first-year", paramLabel = "YEAR", description = "First simulated year (default: the last year is 2024).")
    Integer firstYear;
    @Option(names = "--breaks-per-100km", paramLabel = "RATE", defaultValue = "20",
            description = "Breaks per 100 km of main per year before self-excitation (default ${DEFAULT-VALUE}).")
    double breaksPer100Km;
    @Option(names = "--asset-id-share", paramLabel = "SHARE", defaultValue = "0.9", description = "Break rows with an asset id (default ${DEFAULT-VALUE}).")
    double assetIdShare;
    @Option(names = "--bad-coordinate-share", paramLabel = "SHARE", defaultValue = "0.01", description = "Break rows with bad coordinates (default ${DEFAULT-VALUE}).")
    double badCoordinateShare;
    @Option(names = "--missing-date-share", paramLabel = "SHARE", defaultValue = "0.005", description = "Break rows without a date (default ${DEFAULT-VALUE}).")
    double missingDateShare;
    @Option(names = "--duplicate-share", paramLabel = "SHARE", defaultValue = "0.01", description = "Breaks entered twice (default ${DEFAULT-VALUE}).")
    double duplicateShare;
    @Option(names = "--unknown-material-share", paramLabel = "SHARE", defaultValue = "0.02", description = "Pipes with material UNK (default ${DEFAULT-VALUE}).")
    double unknownMaterialShare;
    @Option(names = "--abandoned-share", paramLabel = "SHARE", defaultValue = "0.015", description = "Abandoned pipes (default ${DEFAULT-VALUE}).")
    double abandonedShare;
    @Option(names = "--climate-missing-share", paramLabel = "SHARE", defaultValue = "0.02", description = "Missing GHCN-Daily values (default ${DEFAULT-VALUE}).")
    double climateMissingShare;
    @Option(names = "--full-truth-limit", paramLabel = "PIPE_MONTHS", defaultValue = "5000000",
            description = "Write truth.csv.gz (every pipe, every month) up to this many pipe-months (default ${DEFAULT-VALUE}).")
    long fullTruthLimit;
    @Option(names = "--layers", paramLabel = "FORMAT", split = ",",
            description = "Also write the geometry layers (wards, soil zones, pipes, break points) with their mappings "
                    + "in these formats, each into a folder of its name: geojson, shapefile (NAD83 / UTM 17N, ESRI .prj), "
                    + "shapefile-zip (the same sets in one zip), geopackage.")
    List<String> layers;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = out();
        List<LayerFormat> formats = new ArrayList<>();
        for (String label : layers == null ? List.<String>of() : layers) {
            try {
                formats.add(LayerFormat.of(label.strip()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--layers: " + e.getMessage());
            }
        }
        SyntheticCity.Builder builder = SyntheticCity.builder().pipes(city.pipes).years(city.years).seed(city.seed)
                .hazard(HazardParameters.defaults().withBreaksPer100KmYear(breaksPer100Km))
                .knobs(new RealismKnobs(assetIdShare, badCoordinateShare, missingDateShare, duplicateShare,
                        unknownMaterialShare, abandonedShare, climateMissingShare))
                .fullTruthLimit(fullTruthLimit);
        if (firstYear != null) {
            builder.firstYear(firstYear);
        }
        SyntheticCity city = builder.build();
        long started = System.nanoTime();
        CityResult r = city.writeTo(out, progress());
        List<SpatialLayers.Written> written = new ArrayList<>();
        for (LayerFormat format : formats) {
            written.add(SpatialLayers.write(r.directory(), format, r.directory().resolve(format.label())));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        w.printf("synthetic city written to %s in %s (seed %d)%n", r.directory(), ConsoleProgress.seconds(took), r.seed());
        w.printf("  %,d pipes (%,d active, %,.1f km), %d areas, %d soil zones, %d-%d%n", r.pipes(), r.activePipes(),
                r.networkKm(), r.areas(), r.soilZones(), r.firstYear(), r.lastYear());
        w.printf("  %,d breaks drawn (%.1f per 100 km per year); %,d rows in %s: %,d with asset id, %,d bad "
                + "coordinates, %,d without date, %,d duplicates%n", r.breaksDrawn(), r.breaksPer100KmYear(),
                r.breakRows(), CityFiles.BREAKS_CSV, r.rowsWithAssetId(), r.badCoordinateRows(), r.missingDateRows(),
                r.duplicateRows());
        w.printf("  %,d pipes replaced during the period keep their asset id: %,d break rows are dated before their "
                + "pipe's recorded install year; %,d pipes with material UNK%n", r.pipesReplacedInPeriod(),
                r.rowsDatedBeforeInstall(), r.unknownMaterialPipes());
        for (SpatialLayers.Written l : written) {
            w.printf("  %s layers and mappings in %s%n", l.format().label(), l.directory());
        }
        w.printf("  files:%n");
        for (String line : sizes(r.directory())) {
            w.printf("    %s%n", line);
        }
        w.flush();
        return 0;
    }

    private static List<String> sizes(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        long eccc = 0;
        int ecccFiles = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path rel = dir.relativize(p);
                if (rel.startsWith(CityFiles.ECCC_DIRECTORY)) {
                    eccc += Files.size(p);
                    ecccFiles++;
                } else {
                    lines.add(String.format("%-32s %,15d bytes", rel, Files.size(p)));
                }
            }
        }
        lines.add(String.format("%-32s %,15d bytes", CityFiles.ECCC_DIRECTORY + "/ (" + ecccFiles + " files)", eccc));
        return lines;
    }
}
