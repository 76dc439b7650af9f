package io.breakwater.etl;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.internal.CsvRecordSource;
import io.breakwater.etl.internal.GeoJsonRecordSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the records of one source file in order: CSV (delimiter, quote, encoding, BOM, lines to skip) or GeoJSON (a
 * FeatureCollection; properties are the columns, a point's coordinates also appear as columns {@code geometry.x} and
 * {@code geometry.y}). Problems with the file as a whole (empty, not a FeatureCollection, an unbalanced quote) throw
 * {@link BreakwaterException} with {@link ErrorCode#INVALID_INPUT} naming file, line and column; problems of one
 * record are left to the ingest, which rejects it.
 */
public interface RecordSource extends AutoCloseable {

    /** Opens {@code file} as described by {@code format} and reads its header. */
    static RecordSource open(Path file, SourceMapping.Format format) {
        if (!Files.isRegularFile(file)) {
            throw new BreakwaterException(ErrorCode.INVALID_INPUT, "input file " + file + " does not exist or is not a file");
        }
        String type = format == null || format.type() == null ? "csv" : format.type();
        if ("csv".equalsIgnoreCase(type)) {
            return CsvRecordSource.open(file, format);
        }
        if ("geojson".equalsIgnoreCase(type)) {
            return GeoJsonRecordSource.open(file);
        }
        throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                "format.type: expected csv or geojson for " + file + ", found '" + type + "'");
    }

    Path path();

    /**
     * Column names in order (CSV header; GeoJSON: the first feature's properties, then geometry.x, geometry.y, then
     * any property of a later feature that {@link #requireColumn} was asked for).
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

    @Override
    void close();
}
