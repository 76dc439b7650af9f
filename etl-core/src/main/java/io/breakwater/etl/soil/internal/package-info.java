/** Soil polygon reading and repair; not an API. */
package io.breakwater.etl.soil.internal;
