package io.breakwater.features.internal;

import io.breakwater.db.schema.tables.records.AssetNeighboursRecord;
import io.breakwater.db.schema.tables.records.FeatureAssetsRecord;
import io.breakwater.db.schema.tables.records.FeatureBuildBreakAssetsRecord;
import java.util.List;

/**
 * The assets of a build with what only Java computes about them: neighbours, and (grid grain) which cell each break
 * falls in.
 *
 * @param assets     one row per asset
 * @param neighbours asset pairs, both directions
 * @param breakLinks grid grain: break to cell; empty for pipe and area grains (linked in SQL by id)
 */
public record AssetLayout(List<FeatureAssetsRecord> assets, List<AssetNeighboursRecord> neighbours,
        List<FeatureBuildBreakAssetsRecord> breakLinks) {
}
