/** Implementation of the Turso module: Hrana JSON, value mapping, table readers, checksums, migration scripts. */
package io.breakwater.turso.internal;
