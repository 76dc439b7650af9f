/** Internals of the store module, public only for the libraries that instantiate them by name (Flyway's logging). */
package io.breakwater.db.internal;
