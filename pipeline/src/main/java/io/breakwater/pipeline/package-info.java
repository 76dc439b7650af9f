/**
 * The whole Breakwater pipeline as one call: {@link io.breakwater.pipeline.PipelineConfig} (validated before anything
 * runs) and {@link io.breakwater.pipeline.Pipeline}, which runs the stages in order on a store;
 * {@link io.breakwater.pipeline.CompleteMonths} is the rule that keeps an incomplete last month out of training and
 * {@code scoreMonth: latest}.
 */
package io.breakwater.pipeline;
