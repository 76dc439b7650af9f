/**
 * Feature engineering: {@link io.breakwater.features.FeatureBuild} turns the curated tables into a versioned, dense
 * monthly asset panel ({@code pipe_features_monthly}) at pipe, area or grid-cell grain, described by a
 * {@link io.breakwater.features.FeatureSetDefinition}.
 */
package io.breakwater.features;
