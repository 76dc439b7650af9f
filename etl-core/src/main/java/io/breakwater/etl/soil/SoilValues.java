package io.breakwater.etl.soil;

import io.breakwater.etl.RecordSource;
import io.breakwater.etl.SourceMapping;
import io.breakwater.etl.SourceRecord;
import java.util.Map;

/**
 * The soil attributes of one record as {@code soil_zones} stores them: the type, and corrosivity and shrink-swell as
 * 0..1 indices with their classes; or the first value that is neither an index nor a class. Read alike from zone
 * polygons ({@link SoilIngest}) and from a table keyed by area ({@link SoilAreaTable}).
 *
 * @param type          the soil type text, or null
 * @param corrosivity   the corrosivity index, or null when absent
 * @param shrinkSwell   the shrink-swell index, or null when absent
 * @param problemColumn the column of the unreadable value, or -1
 * @param problem       why that value cannot be read, or null when both read
 */
record SoilValues(String type, Double corrosivity, Double shrinkSwell, int problemColumn, String problem) {
    String corrosivityClass() {
        return SoilIngest.cls(corrosivity, SoilIngest.CORROSIVITY);
    }

    String shrinkSwellClass() {
        return SoilIngest.cls(shrinkSwell, SoilIngest.SHRINK);
    }

    /** The columns of the three attributes in a file (-1 where the mapping names none). */
    record Columns(int type, int corrosivity, int shrinkSwell) {
        static Columns of(RecordSource in, Map<String, SourceMapping.ColumnSpec> attributes) {
            return new Columns(in.attributeColumn(attributes, "soilType"), in.attributeColumn(attributes,
                    "corrosivity"), in.attributeColumn(attributes, "shrinkSwell"));
        }

        SoilValues read(SourceRecord r) {
            Double corr;
            try {
                corr = SoilIngest.index(r.trimmed(corrosivity), SoilIngest.CORROSIVITY);
            } catch (IllegalArgumentException e) {
                return new SoilValues(r.trimmed(type), null, null, corrosivity, e.getMessage());
            }
            try {
                return new SoilValues(r.trimmed(type), corr, SoilIngest.index(r.trimmed(shrinkSwell), SoilIngest.SHRINK),
                        -1, null);
            } catch (IllegalArgumentException e) {
                return new SoilValues(r.trimmed(type), corr, null, shrinkSwell, e.getMessage());
            }
        }
    }
}
