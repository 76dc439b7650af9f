/** Area polygons (neighbourhoods, districts, grid cells) into {@code areas}. */
package io.breakwater.etl.areas;
