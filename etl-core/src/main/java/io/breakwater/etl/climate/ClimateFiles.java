package io.breakwater.etl.climate;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.climate.internal.EcccDailyParser;
import io.breakwater.etl.climate.internal.GhcnDailyParser;
import io.breakwater.etl.climate.internal.GsomParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads climate files of a known format, without touching a database. */
public final class ClimateFiles {
    private ClimateFiles() {
    }

    /**
     * Reads one file.
     *
     * @param station a station id that overrides the file's own, or {@code null}
     * @param rule    the completeness rule (used by monthly formats, which carry a count of missing days)
     */
    public static ClimateReading read(Path file, ClimateFormat format, String station, CompletenessRule rule) {
        ClimateReading reading = switch (format) {
            case ECCC_DAILY -> EcccDailyParser.parse(file, station);
            case GHCN_DAILY -> GhcnDailyParser.parse(file, station);
            case GSOM -> GsomParser.parse(file, station, rule);
        };
        if (reading.rowsRead() == 0) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the file has a header but no data rows");
        }
        return reading;
    }

    /** The files a path names: itself, or the {@code *.csv} files of a folder in name order (e.g. one a year). */
    public static List<Path> expand(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            List<Path> csv = new ArrayList<>(files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".csv"))
                    .sorted().toList());
            if (csv.isEmpty()) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + ": folder holds no .csv file");
            }
            return csv;
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + ": cannot list folder: " + e.getMessage(), e);
        }
    }
}
