/** Pipe parsing, material normalisation and the spatial index used for snapping; not an API. */
package io.breakwater.etl.pipes.internal;
