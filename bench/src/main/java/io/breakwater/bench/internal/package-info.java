/** What the benchmarks share: a synthetic city through the pipeline's stages, and readings of the process. */
package io.breakwater.bench.internal;
