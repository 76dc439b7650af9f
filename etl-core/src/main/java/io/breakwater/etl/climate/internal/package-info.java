/** Parsers of the published climate file formats; not an API. */
package io.breakwater.etl.climate.internal;
