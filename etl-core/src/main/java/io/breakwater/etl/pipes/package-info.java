/**
 * Pipe inventories (GeoJSON lines or attribute-only CSV) mapped onto {@code pipes} with one material vocabulary, and
 * the break-to-pipe link: by asset id where a break has one, otherwise by snapping to the nearest line.
 */
package io.breakwater.etl.pipes;
