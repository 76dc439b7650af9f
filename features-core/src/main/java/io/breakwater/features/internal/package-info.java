/** Internals of the feature build: the jOOQ statements, the JTS asset layout and the bulk writer. Not an API. */
package io.breakwater.features.internal;
