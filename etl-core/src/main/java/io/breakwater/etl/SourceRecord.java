package io.breakwater.etl;

import org.locationtech.jts.geom.Geometry;

/**
 * One record of a source file, as read: its line (for CSV the physical line where the record starts, 1-based; for
 * GeoJSON, shapefile and GeoPackage the feature's ordinal, 1-based), its fields in header order, and for those its
 * geometry (in the file's CRS). A reader reuses
 * nothing: a record may be kept.
 *
 * @param line          line number (CSV) or feature ordinal (geometry files)
 * @param fields        raw field values in header order; {@code null} for a property a feature lacks
 * @param geometry      the feature's geometry (geometry files), or {@code null}
 * @param geometryError why a feature's geometry could not be read, or {@code null}
 */
public record SourceRecord(long line, String[] fields, Geometry geometry, String geometryError) {

    /** An empty geometry (a point with no coordinates, a polygon with no ring) is no geometry: a reason, per row. */
    public SourceRecord {
        if (geometry != null && geometry.isEmpty()) {
            geometry = null;
            geometryError = geometryError != null ? geometryError : "empty geometry: no coordinates";
        }
    }

    /** The raw value at {@code column}, or {@code null} when the record is shorter. */
    public String get(int column) {
        return column >= 0 && column < fields.length ? fields[column] : null;
    }

    /** The trimmed value at {@code column}; {@code null} when absent or blank. */
    public String trimmed(int column) {
        String v = get(column);
        if (v == null) {
            return null;
        }
        String t = v.strip();
        return t.isEmpty() ? null : t;
    }

    public int size() {
        return fields.length;
    }

    /**
     * The first field holding U+FFFD, which the reader puts for bytes invalid in the file's encoding, or -1: such a
     * row is rejected ({@code encoding_valid}) rather than loaded with mangled text.
     */
    public int firstUndecodableField() {
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (f != null && f.indexOf('\uFFFD') >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The record as text for the rejects table (fields joined by commas, quoted where needed). */
    public String raw() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields[i];
            if (f == null) {
                continue;
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }
}
