package io.breakwater.etl.soil;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.etl.CheckResult;
import io.breakwater.etl.QualityChecks;
import org.junit.jupiter.api.Test;

/** The overlay's coverage warning: a break or two off the soil layer is recorded, a missing district warns the run. */
class SoilCoverageTests {

    private static CheckResult coverage(long rows, long onAZone) {
        QualityChecks checks = new QualityChecks(null);
        SoilOverlay.coverage(checks, "soil_overlay_breaks", "pipe_breaks_clean", rows, onAZone);
        return checks.get("soil_overlay_breaks").result();
    }

    @Test
    void oneBreakOffTheLayerIsRecordedWithoutWarningTheRun() {
        CheckResult r = coverage(1247, 1246);
        assertThat(r.passed()).isTrue();
        assertThat(r.warnsRun()).isFalse();
        assertThat(r.unexpectedCount()).isEqualTo(1);
        assertThat(r.message()).isEqualTo("1246 of 1247 rows lie on a soil zone");
    }

    @Test
    void aLayerMissingADistrictWarnsTheRunWithTheCounts() {
        CheckResult r = coverage(1000, 970);
        assertThat(r.status()).isEqualTo("warned");
        assertThat(r.warnsRun()).isTrue();
        assertThat(r.observedValue()).isEqualTo(0.97);
        assertThat(r.message()).isEqualTo("970 of 1000 rows lie on a soil zone");
    }
}
