package io.breakwater.etl.climate;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.Words;
import io.breakwater.etl.climate.internal.EcccDailyParser;
import io.breakwater.etl.climate.internal.GhcnDailyParser;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.climate.internal.GsomParser;
import io.breakwater.etl.climate.internal.MappedClimateCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads climate files of a known format, without touching a database. */
public final class ClimateFiles {
    private ClimateFiles() {
    }

    /**
     * Reads one file of a published format ({@code eccc-daily}, {@code ghcn-daily}, {@code gsom}); the mapped formats
     * {@code csv-daily} and {@code csv-monthly} need their mapping: {@link #read(Path, SourceMapping.File, CompletenessRule)}.
     *
     * @param station a station id that overrides the file's own, or {@code null}
     * @param rule    the completeness rule (used by monthly formats, which carry a count of missing days)
     */
    public static ClimateReading read(Path file, ClimateFormat format, String station, CompletenessRule rule) {
        return read(file, format, station, rule, LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** Like {@link #read(Path, ClimateFormat, String, CompletenessRule)}; months after {@code today} are rejected. */
    public static ClimateReading read(Path file, ClimateFormat format, String station, CompletenessRule rule,
            LocalDate today) {
        return read(file, format, station, rule, today, false);
    }

    static ClimateReading read(Path file, ClimateFormat format, String station, CompletenessRule rule,
            LocalDate today, boolean standardUnits) {
        ClimateReading reading = switch (format) {
            case ECCC_DAILY -> EcccDailyParser.parse(file, station);
            case GHCN_DAILY -> GhcnDailyParser.parse(file, station);
            case GSOM -> GsomParser.parse(file, station, rule, today, standardUnits);
            case CSV_DAILY, CSV_MONTHLY -> throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, format
                    + " is described by a source mapping: read it with ClimateFiles.read(file, mapping, rule)");
        };
        return withRows(file, reading);
    }

    /**
     * Reads one file of any format as its climate mapping describes it ({@code format.type}, {@code station}, and for
     * {@code csv-daily} / {@code csv-monthly} the columns, dates, units and flag codes). A mapping that cannot work is
     * refused, naming the key, before any row is read.
     */
    public static ClimateReading read(Path file, SourceMapping.File mapping, CompletenessRule rule) {
        ClimateFormat format = format(mapping);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        return format.isMapped() ? withRows(file, MappedClimateCsv.compile(mapping, format).parse(file, rule, today))
                : read(file, format, mapping.mapping().station(), rule, today, standardUnits(mapping, format));
    }

    /**
     * Whether the mapping's {@code format.units} says NOAA's standard units ({@code standard}) rather than
     * {@code metric} (the default). Only {@code gsom} comes in two unit systems; a mapped CSV declares a unit per
     * column instead, and the other published formats have one.
     */
    static boolean standardUnits(SourceMapping.File mapping, ClimateFormat format) {
        String units = mapping.mapping().format() == null ? null : mapping.mapping().format().units();
        if (units == null) {
            return false;
        }
        if (format != ClimateFormat.GSOM) {
            throw mapping.invalid("format.units", "applies to gsom only; " + format + (format.isMapped()
                    ? " declares a unit on each value column" : " has one unit system"));
        }
        return switch (units.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "metric" -> false;
            case "standard" -> true;
            default -> throw mapping.invalid("format.units", "unknown unit system '" + units
                    + "', expected metric (degC, mm) or standard (degF, inches)");
        };
    }

    /** The {@code format.type} of a climate mapping, refused with its key when missing or unknown. */
    static ClimateFormat format(SourceMapping.File mapping) {
        SourceMapping.requireKind(mapping, "climate");
        SourceMapping m = mapping.mapping();
        if (m.format() == null || m.format().type() == null) {
            throw mapping.invalid("format.type", "missing: one of "
                    + Words.allowed(ClimateFormat.class, ClimateFormat::key));
        }
        String type = m.format().type();
        return Words.find(ClimateFormat.class, ClimateFormat::key, type).orElseThrow(() -> mapping.invalid("format.type",
                Words.unknown(ClimateFormat.class, ClimateFormat::key, type, "climate format")));
    }

    private static List<Path> csvFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> Files.isRegularFile(p)
                    && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")).sorted().toList();
        }
    }

    /** Refuses a file that has a header but no data rows. */
    static ClimateReading withRows(Path file, ClimateReading reading) {
        if (reading.rowsRead() == 0) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the file has a header but no data rows");
        }
        return reading;
    }

    /**
     * The files a path names: itself, or the {@code *.csv} files of a folder in name order (e.g. one a year). A
     * subfolder that holds {@code .csv} files is refused rather than skipped: its files would silently be missing.
     */
    public static List<Path> expand(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.list(path)) {
            List<Path> entries = files.sorted().toList();
            for (Path sub : entries) {
                int inSub = Files.isDirectory(sub) ? csvFiles(sub).size() : 0;
                if (inSub > 0) {
                    throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + ": subfolder " + sub.getFileName()
                            + " holds " + inSub + " .csv files, which would not be read: only the "
                            + "folder's own files are; move them up or name the subfolder as its own source");
                }
            }
            List<Path> csv = csvFiles(path);
            if (csv.isEmpty()) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + ": folder holds no .csv file");
            }
            return csv;
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, path + ": cannot list folder: " + e.getMessage(), e);
        }
    }
}
