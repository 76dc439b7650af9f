/**
 * Soil and geotechnical zones: polygons validated and repaired with JTS, loaded into {@code soil_zones}, and overlaid
 * onto areas (area-weighted), pipes and breaks.
 */
package io.breakwater.etl.soil;
