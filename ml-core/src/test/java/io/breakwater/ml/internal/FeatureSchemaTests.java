package io.breakwater.ml.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Categorical extra attributes are one-hot like material: missing is NaN, a code unseen in training is all zeros. */
class FeatureSchemaTests {
    static final YearMonth M = YearMonth.of(2020, 1);

    static Panel panel(String... lined) {
        Panel.Builder b = new Panel.Builder(new String[] {"x", "pipe.condition"}, new String[] {"pipe.lined"});
        for (int i = 0; i < lined.length; i++) {
            b.add("P" + i, M, new float[] {i, i * 0.5f}, null, new String[] {lined[i]}, Boolean.FALSE, 0);
        }
        return b.build();
    }

    @Test
    void textAttributesAreOneHotPerCodeSeenInTraining() {
        Panel train = panel("yes", "no", null, "yes");
        FeatureSchema schema = FeatureSchema.fit(train, new int[] {0, 1, 2, 3});
        assertThat(schema.columnNames()).containsExactly("x", "pipe.condition", "pipe.lined=no", "pipe.lined=yes");
        assertThat(schema.categories()).isEqualTo(Map.of("pipe.lined", List.of("no", "yes")));

        Panel score = panel("no", null, "partly");  // codes in another order, a missing value, an unseen code
        Matrix x = schema.matrix(score, new int[] {0, 1, 2});
        assertThat(new float[] {x.get(0, 2), x.get(0, 3)}).containsExactly(1f, 0f);
        assertThat(x.get(1, 2)).isNaN();
        assertThat(x.get(1, 3)).isNaN();
        assertThat(new float[] {x.get(2, 2), x.get(2, 3)}).containsExactly(0f, 0f);
    }

    @Test
    void aSingleCodeIsKeptOnlyBesideMissingRowsAndOldSchemasHaveNoCategories() {
        assertThat(FeatureSchema.fit(panel("yes", "yes"), new int[] {0, 1}).categories()).isEmpty();
        assertThat(FeatureSchema.fit(panel("yes", null), new int[] {0, 1}).columnNames()).contains("pipe.lined=yes");
        FeatureSchema old = new FeatureSchema(List.of("x"), List.of());
        assertThat(old.categories()).isEmpty();
        assertThat(old.matrix(panel("yes"), new int[] {0}).cols()).isEqualTo(1);
    }
}
