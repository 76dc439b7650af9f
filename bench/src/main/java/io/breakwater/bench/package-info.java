/**
 * Benchmarks of Breakwater at scale, run by hand through {@code breakwater bench}, never in the build: each drives the
 * libraries' public APIs on a synthetic city ({@code synth}) and returns its figures as a record.
 */
package io.breakwater.bench;
