package io.breakwater.etl.pipes.internal;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.env.SourceReject;
import io.breakwater.etl.env.internal.CsvFile;
import io.breakwater.etl.env.internal.GeoJsonFeatures;
import io.breakwater.etl.env.internal.LocalMetric;
import io.breakwater.etl.env.internal.MappingFile;
import io.breakwater.etl.env.internal.Reprojector;
import io.breakwater.etl.pipes.Material;
import io.breakwater.etl.pipes.PipeRecord;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Reads a pipe inventory through its mapping: validates the mapping first, then maps every row or rejects it. */
public final class PipeInventoryReader {
    private static final List<String> ATTRIBUTES = List.of("material", "diameter", "installYear", "length", "status",
            "pressureZone");

    /** The rows read: accepted pipes and rejects, and how many rows the file had. */
    public record Result(long rowsRead, List<PipeRecord> pipes, List<SourceReject> rejects) {
    }

    private final MappingFile mapping;
    private final String format;
    private final List<String> idColumns;
    private final Map<String, String> columns = new LinkedHashMap<>();
    private final Map<String, Material> materialCodes = new HashMap<>();
    private final Map<String, String> statusCodes = new HashMap<>();
    private final double diameterFactor;
    private final double lengthFactor;
    private final Reprojector reprojector;
    private final int currentYear;

    public PipeInventoryReader(MappingFile mapping, int currentYear) {
        this.mapping = mapping;
        this.currentYear = currentYear;
        this.format = mapping.oneOf("format.type", null, "geojson", "csv");
        this.idColumns = mapping.list("id.columns");
        if (idColumns.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mapping.where("id.columns") + ": is missing");
        }
        for (String a : ATTRIBUTES) {
            String c = mapping.text("attributes." + a + ".column");
            if (c != null) {
                columns.put(a, c);
            }
        }
        mapping.map("attributes.material.codes").forEach((code, word) -> materialCodes.put(
                code.trim().toUpperCase(Locale.ROOT), Material.parse(word).orElseThrow(() -> new BreakwaterException(
                        ErrorCode.INVALID_CONFIGURATION, mapping.where("attributes.material.codes." + code) + ": '"
                                + word + "' is not in the material vocabulary (cast_iron, ductile_iron, pvc, "
                                + "asbestos_cement, steel, concrete, polyethylene, copper, other, unknown)"))));
        mapping.map("attributes.status.codes").forEach((code, word) -> {
            if (!word.equals("active") && !word.equals("abandoned")) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mapping.where("attributes.status.codes."
                        + code) + ": '" + word + "' is not active or abandoned");
            }
            statusCodes.put(code.trim().toUpperCase(Locale.ROOT), word);
        });
        this.diameterFactor = mapping.oneOf("attributes.diameter.unit", "mm", "mm", "in").equals("in") ? 25.4 : 1.0;
        this.lengthFactor = mapping.oneOf("attributes.length.unit", "m", "m", "ft").equals("ft") ? 0.3048 : 1.0;
        this.reprojector = Reprojector.to4326(mapping.text("crs"), mapping.where("crs"));
        if (format.equals("csv") && !columns.containsKey("length")) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mapping.where("attributes.length.column")
                    + ": is missing; a CSV inventory has no geometry to measure");
        }
    }

    public Result read(Path file) {
        return format.equals("csv") ? readCsv(file) : readGeoJson(file);
    }

    private Result readCsv(Path file) {
        List<CsvRecord> records = CsvFile.read(file);
        CsvRecord header = records.get(0);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.getFieldCount(); c++) {
            index.put(header.getField(c).trim(), c);
        }
        for (String id : idColumns) {
            requireColumn(index, id, "id.columns");
        }
        columns.forEach((attr, col) -> requireColumn(index, col, "attributes." + attr + ".column"));
        if (records.size() == 1) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the file has a header but no data rows");
        }
        List<PipeRecord> pipes = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < records.size(); i++) {
            CsvRecord r = records.get(i);
            if (r.getFieldCount() != header.getFieldCount()) {
                rejects.add(new SourceReject(file.toString(), r.getStartingLineNumber(), null, null, CsvFile.raw(r),
                        "column_count", file + ": line " + r.getStartingLineNumber() + ": " + r.getFieldCount()
                                + " columns, expected " + header.getFieldCount()));
                continue;
            }
            map(file, r.getStartingLineNumber(), CsvFile.raw(r), col -> r.getField(index.get(col)).trim(), null,
                    seen, pipes, rejects);
        }
        return new Result(records.size() - 1L, pipes, rejects);
    }

    private Result readGeoJson(Path file) {
        List<GeoJsonFeatures.Feature> features = GeoJsonFeatures.read(file);
        if (features.isEmpty()) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, file + ": the FeatureCollection has no features");
        }
        GeoJsonReader reader = new GeoJsonReader();
        List<PipeRecord> pipes = new ArrayList<>();
        List<SourceReject> rejects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GeoJsonFeatures.Feature f : features) {
            Geometry geometry = null;
            if (f.geometry() != null && !f.geometry().isNull()) {
                try {
                    geometry = reader.read(f.geometry().toString());
                } catch (ParseException | RuntimeException e) {
                    rejects.add(new SourceReject(file.toString(), f.line(), "geometry", abbreviate(f.geometry().toString()),
                            abbreviate(f.raw()), "geometry", file + ": line " + f.line() + ": geometry cannot be read: "
                                    + e.getMessage()));
                    continue;
                }
                if (!(geometry instanceof LineString || geometry instanceof MultiLineString)) {
                    rejects.add(new SourceReject(file.toString(), f.line(), "geometry", geometry.getGeometryType(),
                            abbreviate(f.raw()), "geometry_type", file + ": line " + f.line() + ": geometry is a "
                                    + geometry.getGeometryType() + ", expected a LineString or MultiLineString"));
                    continue;
                }
            }
            map(file, f.line(), abbreviate(f.raw()), f::property, geometry, seen, pipes, rejects);
        }
        return new Result(features.size(), pipes, rejects);
    }

    private void requireColumn(Map<String, Integer> index, String column, String key) {
        if (!index.containsKey(column)) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mapping.where(key) + ": column '" + column
                    + "' is not in the file's header " + index.keySet());
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private void map(Path file, long line, String raw, Function<String, String> value, Geometry geometry,
            Set<String> seen, List<PipeRecord> pipes, List<SourceReject> rejects) {
        List<String> idParts = new ArrayList<>();
        for (String c : idColumns) {
            String v = value.apply(c);
            if (v == null || v.isBlank()) {
                rejects.add(new SourceReject(file.toString(), line, c, v, raw, "not_null",
                        file + ": line " + line + ", column " + c + ": pipe id is empty"));
                return;
            }
            idParts.add(v.trim());
        }
        String id = String.join("|", idParts);
        if (!seen.add(id)) {
            rejects.add(new SourceReject(file.toString(), line, idColumns.get(0), id, raw, "unique",
                    file + ": line " + line + ": pipe id '" + id + "' appears more than once in the file"));
            return;
        }
        List<String> flags = new ArrayList<>();
        if (geometry != null) {
            if (reprojector != null) {
                geometry = reprojector.apply(geometry);
            }
            for (Coordinate c : geometry.getCoordinates()) {
                if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
                    rejects.add(new SourceReject(file.toString(), line, "geometry", c.x + " " + c.y, raw,
                            "coordinate_range", file + ": line " + line + ": coordinate (" + c.x + ", " + c.y
                                    + ") is not a valid lon/lat after reprojection"));
                    return;
                }
            }
        } else if (format.equals("geojson")) {
            flags.add("no_geometry");
        }
        String materialRaw = get(value, "material");
        String material;
        if (materialRaw == null) {
            material = Material.UNKNOWN.key();
            flags.add("material_missing");
        } else {
            Material m = materialCodes.get(materialRaw.toUpperCase(Locale.ROOT));
            if (m == null) {
                m = Material.parse(materialRaw).orElse(null);
            }
            if (m == null) {
                flags.add("material_unknown_code");
                m = Material.UNKNOWN;
            }
            material = m.key();
        }
        Double diameter;
        Double length;
        Integer installYear;
        try {
            diameter = number(get(value, "diameter"), "diameter");
            length = number(get(value, "length"), "length");
        } catch (NumberFormatException e) {
            String which = e.getMessage();
            rejects.add(new SourceReject(file.toString(), line, columns.get(which), get(value, which), raw, "number",
                    file + ": line " + line + ", column " + columns.get(which) + ": '" + get(value, which)
                            + "' is not a number"));
            return;
        }
        if (diameter != null) {
            diameter = diameter * diameterFactor;
            if (diameter <= 0 || diameter > 5000) {
                flags.add("diameter_range");
                diameter = null;
            }
        }
        if (length != null) {
            length = length * lengthFactor;
        } else if (geometry != null) {
            length = Math.round(LocalMetric.lengthMetres(geometry) * 100) / 100.0;
        }
        String yearText = get(value, "installYear");
        installYear = null;
        if (yearText != null) {
            try {
                installYear = yearText.length() >= 8 ? LocalDate.parse(yearText.substring(0, 10)).getYear()
                        : (int) Double.parseDouble(yearText);
            } catch (RuntimeException e) {
                flags.add("install_year_format");
            }
            if (installYear != null && (installYear < 1800 || installYear > currentYear)) {
                flags.add("install_year_range");
                installYear = null;
            }
        }
        String statusRaw = get(value, "status");
        String status = null;
        if (statusRaw != null) {
            status = statusCodes.get(statusRaw.toUpperCase(Locale.ROOT));
            if (status == null && (statusRaw.equalsIgnoreCase("active") || statusRaw.equalsIgnoreCase("abandoned"))) {
                status = statusRaw.toLowerCase(Locale.ROOT);
            }
            if (status == null) {
                flags.add("status_unknown_code");
            }
        }
        pipes.add(new PipeRecord(id, material, materialRaw, diameter, installYear, length, status,
                get(value, "pressureZone"), geometry, flags, line));
    }

    private String get(Function<String, String> value, String attribute) {
        String column = columns.get(attribute);
        if (column == null) {
            return null;
        }
        String v = value.apply(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Double number(String text, String attribute) {
        if (text == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the attribute's name
        }
        throw new NumberFormatException(attribute);
    }

    static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
