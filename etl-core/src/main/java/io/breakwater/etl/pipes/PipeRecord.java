package io.breakwater.etl.pipes;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * One pipe as mapped from an inventory, in WGS84, before it is stored in {@code pipes}.
 *
 * @param pipeId       the inventory's asset id
 * @param material     the vocabulary word
 * @param materialRaw  the inventory's own code
 * @param diameterMm   nominal diameter, mm
 * @param installYear  install year
 * @param lengthM      length, m (from a column or the geometry)
 * @param status       active or abandoned
 * @param pressureZone optional pressure zone
 * @param geometry     the line, or {@code null} for an attribute-only inventory
 * @param flags        quality flags of the row
 * @param sourceLine   where the row starts in the source file
 */
public record PipeRecord(String pipeId, String material, String materialRaw, Double diameterMm, Integer installYear,
        Double lengthM, String status, String pressureZone, Geometry geometry, List<String> flags, long sourceLine) {
}
