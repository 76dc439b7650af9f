package io.breakwater.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Toronto demo soil layer is a golden file of the generator; {@code -Dbreakwater.regenerate=true} rewrites it. */
class SyntheticSoilLayerTests {
    static final Path TORONTO = Path.of("../sample-data/toronto/soil_zones_SYNTHETIC.geojson");

    static String toronto() {
        return SyntheticSoilLayer.geoJson(-79.64, 43.58, -79.11, 43.86, 60, 20261121L);
    }

    @Test
    void theShippedTorontoLayerIsWhatTheGeneratorMakesAndSaysItIsSynthetic() throws Exception {
        String generated = toronto();
        if (Boolean.getBoolean("breakwater.regenerate")) {
            Files.writeString(TORONTO, generated);
        }
        assertThat(Files.readString(TORONTO)).isEqualTo(generated);
        assertThat(generated).contains("\"synthetic\":true", "SYNTHETIC soil layer");
        assertThat(generated.split("\"Feature\"", -1)).hasSize(61);
    }

    @Test
    void theSameSeedGivesTheSameLayerAndAnotherSeedAnother() {
        assertThat(SyntheticSoilLayer.geoJson(0, 0, 1, 1, 10, 1)).isEqualTo(SyntheticSoilLayer.geoJson(0, 0, 1, 1, 10, 1))
                .isNotEqualTo(SyntheticSoilLayer.geoJson(0, 0, 1, 1, 10, 2));
    }
}
