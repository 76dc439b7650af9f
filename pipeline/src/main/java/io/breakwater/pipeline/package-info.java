/**
 * The whole Breakwater pipeline as one call: {@link io.breakwater.pipeline.PipelineConfig} (validated before anything
 * runs) and {@link io.breakwater.pipeline.Pipeline}, which runs the stages in order on a store.
 */
package io.breakwater.pipeline;
