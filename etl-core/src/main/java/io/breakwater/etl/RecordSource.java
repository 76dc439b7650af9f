package io.breakwater.etl;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.internal.CsvRecordSource;
import io.breakwater.etl.internal.GeoJsonRecordSource;
import io.breakwater.etl.internal.GeoPackageRecordSource;
import io.breakwater.etl.internal.ShapefileRecordSource;
import io.breakwater.etl.internal.SpatialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the records of one source file in order: CSV (delimiter, quote, encoding, BOM, lines to skip), GeoJSON (a
 * FeatureCollection; properties are the columns, a point's coordinates also appear as columns {@code geometry.x} and
 * {@code geometry.y}), an ESRI Shapefile set (.shp/.dbf, also zipped; the .dbf fields are the columns) or a GeoPackage
 * feature table (its columns), the last two with the same {@code geometry.x}/{@code geometry.y} columns. A file that
 * looks like another format than {@code format.type} says is refused naming what it looks like. Problems with the file as a whole (empty, not a FeatureCollection, an unbalanced quote) throw
 * {@link BreakwaterException} with {@link ErrorCode#INVALID_INPUT} naming file, line and column; problems of one
 * record are left to the ingest, which rejects it.
 */
public interface RecordSource extends AutoCloseable {

    /** Opens {@code file} as described by {@code format} and reads its header. */
    static RecordSource open(Path file, SourceMapping.Format format) {
        if (!Files.isRegularFile(file)) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "input file " + file + " does not exist or is not a file");
        }
        String type = format == null || format.type() == null ? "csv" : format.type().toLowerCase(java.util.Locale.ROOT);
        switch (type) {
            case "csv", "geojson", "shapefile", "geopackage" -> SpatialFiles.requireKind(file, type);
            default -> throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "format.type: expected csv, geojson, shapefile or geopackage for " + file + ", found '" + type + "'");
        }
        return switch (type) {
            case "geojson" -> GeoJsonRecordSource.open(file);
            case "shapefile" -> ShapefileRecordSource.open(file, format);
            case "geopackage" -> GeoPackageRecordSource.open(file, format);
            default -> CsvRecordSource.open(file, format);
        };
    }

    Path path();

    /**
     * Column names in order (CSV header; GeoJSON: the first feature's properties, then geometry.x, geometry.y, then
     * any property of a later feature that {@link #requireColumn} was asked for; shapefile: the .dbf fields, then
     * geometry.x, geometry.y; GeoPackage: the table's columns but the geometry and the integer key, then geometry.x,
     * geometry.y).
     */
    List<String> header();

    /** The next record, or {@code null} at the end of the file. */
    SourceRecord next();

    /** Bytes consumed so far (for progress; approximate, reads are buffered). */
    long bytesRead();

    /**
     * The index of {@code column}, refusing a column the file lacks with an error naming the mapping key, the file
     * and the columns it has.
     */
    default int requireColumn(String column, String mappingKey) {
        if (column == null) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, mappingKey + ": missing column name");
        }
        int i = header().indexOf(column);
        if (i < 0) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, path() + " line 1: column '" + column
                    + "' named by mapping key " + mappingKey + " is not in the header; the file has " + header());
        }
        return i;
    }

    /** Like {@link #requireColumn} but {@code -1} when {@code column} is {@code null} (an optional mapping key). */
    default int optionalColumn(String column, String mappingKey) {
        return column == null ? -1 : requireColumn(column, mappingKey);
    }

    /**
     * The column of attribute {@code key} (mapping key {@code attributes.KEY.column}), refused as by
     * {@link #requireColumn} when the file lacks it; {@code -1} when {@code attributes} does not name the attribute.
     */
    default int attributeColumn(Map<String, SourceMapping.ColumnSpec> attributes, String key) {
        SourceMapping.ColumnSpec spec = attributes.get(key);
        return spec == null ? -1 : requireColumn(spec.column(), "attributes." + key + ".column");
    }

    @Override
    void close();
}
