/**
 * Soil and geotechnical zones: polygons validated and repaired with JTS, or a table keyed by area whose rows take
 * their area's polygon, loaded into {@code soil_zones}, and overlaid onto areas (area-weighted), pipes and breaks.
 */
package io.breakwater.etl.soil;
