package io.breakwater.etl.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** A break left unlinked says why: the reason a utility can act on, not always "no pipe within 25 m". */
class UnmatchedReasonsTests {
    private static final PipeMatcher.Options OPTIONS = new PipeMatcher.Options(25, 0.8);

    @Test
    void anInventoryWithoutLinesBlamesTheMissingAssetIdNotTheDistance() {
        List<PipeMatcher.PipeLine> attributesOnly = List.of(new PipeMatcher.PipeLine("W1", null),
                new PipeMatcher.PipeLine("W2", null));
        List<PipeMatcher.BreakPoint> breaks = List.of(new PipeMatcher.BreakPoint("b1", -79.4, 43.7, "W1"),
                new PipeMatcher.BreakPoint("b2", -79.4, 43.7, "W9"), new PipeMatcher.BreakPoint("b3", -79.4, 43.7, null),
                new PipeMatcher.BreakPoint("b4", null, null, "W8"));
        List<PipeMatcher.Match> matches = PipeMatcher.match(attributesOnly, breaks, 25);
        assertThat(PipeMatcher.unmatchedReasons(attributesOnly, breaks, matches, OPTIONS)).isEqualTo(Map.of(
                "asset_id_not_in_inventory", 2L, "no_asset_id_and_no_pipe_geometry", 1L));
    }

    @Test
    void withLinesAFarBreakIsOutOfToleranceAndAnUnknownIdIsNamedToo() {
        GeometryFactory gf = new GeometryFactory();
        List<PipeMatcher.PipeLine> lines = List.of(new PipeMatcher.PipeLine("W1", gf.createLineString(new Coordinate[] {
            new Coordinate(-79.40, 43.70), new Coordinate(-79.39, 43.70)})));
        List<PipeMatcher.BreakPoint> breaks = List.of(new PipeMatcher.BreakPoint("near", -79.395, 43.7001, null),
                new PipeMatcher.BreakPoint("far", -79.395, 43.71, null),
                new PipeMatcher.BreakPoint("unknown", -79.395, 43.71, "W7"));
        List<PipeMatcher.Match> matches = PipeMatcher.match(lines, breaks, 25);
        assertThat(PipeMatcher.unmatchedReasons(lines, breaks, matches, OPTIONS)).isEqualTo(Map.of(
                "no_pipe_within_25.0m", 1L, "asset_id_not_in_inventory_and_no_pipe_within_25.0m", 1L));
    }
}
