package io.breakwater.features;

import static io.breakwater.db.schema.Tables.FEATURE_ATTRIBUTE_VALUES;
import static io.breakwater.db.schema.Tables.FEATURE_SETS;
import static io.breakwater.db.schema.Tables.RECORD_ATTRIBUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.BreakwaterStore;
import io.breakwater.db.ErrorCode;
import io.breakwater.db.schema.tables.records.FeatureAttributeValuesRecord;
import io.breakwater.db.schema.tables.records.RecordAttributesRecord;
import io.breakwater.db.testing.EachStore;
import io.breakwater.db.testing.EachStoreKind;
import io.breakwater.db.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extra attributes ({@code record_attributes}) named by a feature set reach {@code feature_attribute_values} as
 * piecewise-constant values: static ones from the panel's first month, those of breaks from the month after each
 * break, so that a month sees only earlier breaks. Rows of {@code record_attributes} are written directly (the ETL
 * side is another module), in real DuckDB and SQLite stores.
 */
class FeatureAttributeTests {
    static final List<String> ALL = List.of("lined", "criticality", "lining_date", "ph", "soil_code", "depth");

    @TempDir
    Path dir;

    static FeatureSetDefinition definition(Grain grain, String version, List<String> attributes) {
        return FeatureSetDefinition.builder().grain(grain).horizonMonths(12).version(version).attributes(attributes)
                .firstMonth(YearMonth.of(2000, 1)).lastMonth(YearMonth.of(2004, 12)).build();
    }

    static RecordAttributesRecord attribute(String kind, String id, String name, Object value) {
        RecordAttributesRecord r = new RecordAttributesRecord();
        r.setRecordKind(kind);
        r.setRecordId(id);
        r.setName(name);
        r.setSourceName("test-" + kind);
        if (value instanceof Number n) {
            r.setValueType("number");
            r.setNumberValue(n.doubleValue());
        } else if (value instanceof LocalDate d) {
            r.setValueType("date");
            r.setDateValue(d);
        } else {
            r.setValueType("text");
            r.setTextValue((String) value);
        }
        return r;
    }

    /** Lining and criticality of pipes, a pH of soil zone Z1, soil codes and depths written on P1's breaks. */
    static void fillAttributes(DSLContext dsl) {
        List<RecordAttributesRecord> rows = new ArrayList<>(List.of(
                attribute("pipes", "P1", "lined", "yes"),
                attribute("pipes", "P2", "lined", "no"),
                attribute("pipes", "P3", "lined", "yes"),
                attribute("pipes", "P1", "criticality", 3),
                attribute("pipes", "P4", "criticality", 1),
                attribute("pipes", "P1", "lining_date", LocalDate.of(2001, 7, 15)),
                attribute("soil", "Z1", "ph", 6.5),
                attribute("areas", "A1", "district", "north"),
                // breaks b0 (P1, 2000-01), b1 and b2 (P1, 2000-03), b4 (P1, 2002-07), b5 (P3, 2003-02)
                attribute("breaks", "test:b0", "soil_code", "CL"),
                attribute("breaks", "test:b1", "soil_code", "SA"),
                attribute("breaks", "test:b2", "soil_code", "SA"),
                attribute("breaks", "test:b4", "soil_code", "CL"),
                attribute("breaks", "test:b5", "soil_code", "GR"),
                attribute("breaks", "test:b0", "depth", 1.0),
                attribute("breaks", "test:b1", "depth", 2.0),
                attribute("breaks", "test:b2", "depth", 4.0)));
        dsl.batchInsert(rows).execute();
    }

    /** The value of every (asset, feature) at every month of 2000-01..2004-12, from the piecewise-constant rows. */
    static Map<String, Object> valuesByMonth(BreakwaterStore store, String fs) {
        Map<String, List<FeatureAttributeValuesRecord>> segments = new HashMap<>();
        for (FeatureAttributeValuesRecord r : store.dsl().selectFrom(FEATURE_ATTRIBUTE_VALUES)
                .where(FEATURE_ATTRIBUTE_VALUES.FEATURE_SET_ID.eq(fs))
                .orderBy(FEATURE_ATTRIBUTE_VALUES.FROM_MONTH).fetch()) {
            segments.computeIfAbsent(r.getAssetId() + "|" + r.getFeature(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Object> values = new HashMap<>();
        for (YearMonth m = YearMonth.of(2000, 1); !m.isAfter(YearMonth.of(2004, 12)); m = m.plusMonths(1)) {
            for (Map.Entry<String, List<FeatureAttributeValuesRecord>> e : segments.entrySet()) {
                Object value = null;
                for (FeatureAttributeValuesRecord r : e.getValue()) {
                    if (!r.getFromMonth().isAfter(m.atDay(1))) {
                        value = r.getNumberValue() != null ? r.getNumberValue()
                                : r.getTextValue() != null ? r.getTextValue() : r.getDateValue();
                    }
                }
                values.put(e.getKey() + "@" + m, value);
            }
        }
        return values;
    }

    @EachStore
    void pipeGrainHoldsPipeSoilAndBreakAttributesFromTheRightMonths(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        fillAttributes(store.dsl());
        FeatureSetDefinition definition = definition(Grain.pipe(), "1", ALL);
        FeatureBuild.on(store).run(definition);
        String fs = definition.featureSetId();
        Map<String, Object> v = valuesByMonth(store, fs);

        // static: from the panel's first month, for the assets that have them
        assertThat(v.get("P1|pipe.lined@2000-01")).isEqualTo("yes");
        assertThat(v.get("P2|pipe.lined@2004-12")).isEqualTo("no");
        assertThat(v).doesNotContainKey("P4|pipe.lined@2000-01");
        assertThat(v.get("P4|pipe.criticality@2003-03")).isEqualTo(1.0);
        assertThat(v.get("P1|pipe.lining_date@2000-01")).isEqualTo(LocalDate.of(2001, 7, 15));
        assertThat(v.get("P1|soil.ph@2000-01")).isEqualTo(6.5);
        assertThat(v.get("P2|soil.ph@2000-01")).isEqualTo(6.5);
        assertThat(v).as("P3 lies in no soil zone").doesNotContainKey("P3|soil.ph@2000-01");
        assertThat(v.keySet()).as("area attributes are not read at pipe grain").noneMatch(k -> k.contains("area."));

        // breaks: strictly earlier breaks only; mode with ties broken alphabetically, mean of numbers
        assertThat(v.get("P1|breaks.soil_code@2000-01")).as("no break before January").isNull();
        assertThat(v.get("P1|breaks.soil_code@2000-02")).isEqualTo("CL");
        assertThat(v.get("P1|breaks.soil_code@2000-03")).as("March's breaks are not yet seen").isEqualTo("CL");
        assertThat(v.get("P1|breaks.soil_code@2000-04")).isEqualTo("SA");
        assertThat(v.get("P1|breaks.soil_code@2002-07")).isEqualTo("SA");
        assertThat(v.get("P1|breaks.soil_code@2002-08")).as("CL 2, SA 2: alphabetical").isEqualTo("CL");
        assertThat(v.get("P3|breaks.soil_code@2003-02")).isNull();
        assertThat(v.get("P3|breaks.soil_code@2003-03")).isEqualTo("GR");
        assertThat((Double) v.get("P1|breaks.depth@2000-02")).isEqualTo(1.0);
        assertThat((Double) v.get("P1|breaks.depth@2000-04")).isCloseTo(7.0 / 3, within(1e-9));
        assertThat((Double) v.get("P1|breaks.depth@2004-12")).isCloseTo(7.0 / 3, within(1e-9));
        assertThat(store.dsl().fetchCount(FEATURE_ATTRIBUTE_VALUES, FEATURE_ATTRIBUTE_VALUES.FEATURE
                .eq("breaks.depth"))).as("one row per month with valued breaks").isEqualTo(2);

        // the definition names the attributes (sorted); a rebuild replaces the rows
        assertThat(definition.definitionJson()).contains("\"attributes\":[\"criticality\",\"depth\",\"lined\","
                + "\"lining_date\",\"ph\",\"soil_code\"]");
        int rows = store.dsl().fetchCount(FEATURE_ATTRIBUTE_VALUES);
        FeatureBuild.on(store).run(definition);
        assertThat(store.dsl().fetchCount(FEATURE_ATTRIBUTE_VALUES)).isEqualTo(rows);
    }

    @EachStore
    void areaGrainReadsAreaSoilAndBreakAttributes(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        fillAttributes(store.dsl());
        FeatureSetDefinition definition = definition(Grain.area(), "1", List.of("district", "ph", "soil_code"));
        FeatureBuild.on(store).run(definition);
        Map<String, Object> v = valuesByMonth(store, definition.featureSetId());
        assertThat(v.get("A1|area.district@2000-01")).isEqualTo("north");
        assertThat(v.get("A1|soil.ph@2000-01")).as("the zone under A1").isEqualTo(6.5);
        assertThat(v.get("A1|breaks.soil_code@2000-04")).isEqualTo("SA");
        assertThat(v.get("A2|breaks.soil_code@2003-03")).isEqualTo("GR");

        // grid cells read soil zones and breaks (cells link breaks by location)
        FeatureSetDefinition grid = definition(Grain.grid(500), "1", List.of("ph", "soil_code"));
        FeatureBuild.on(store).run(grid);
        Map<String, Object> g = valuesByMonth(store, grid.featureSetId());
        assertThat(g.keySet()).anyMatch(k -> k.contains("|soil.ph@")).anyMatch(k -> k.contains("|breaks.soil_code@"));
        assertThat(g.entrySet()).filteredOn(e -> e.getKey().endsWith("|breaks.soil_code@2000-04"))
                .extracting(Map.Entry::getValue).contains("SA");
    }

    @EachStoreKind
    void breakAttributesAtMonthMIgnoreEveryBreakFromMOn(TestStores.Kind kind) throws Exception {
        YearMonth m = FeatureLeakageTests.T;
        for (Grain grain : new Grain[] {Grain.pipe(), Grain.area()}) {
            Path folder = Files.createDirectories(dir.resolve(grain.kind().name()));
            try (BreakwaterStore store = TestStores.fresh(kind, folder)) {
                DSLContext dsl = store.dsl();
                SmallCity.fill(dsl);
                fillAttributes(dsl);
                List<String> names = List.of("soil_code", "depth");
                FeatureBuild.on(store).run(definition(grain, "before", names));

                // breaks in month m and after it, with values that would move the mode and the mean; a later break's
                // value changed
                SmallCity.addBreak(dsl, "m0", "P1", "A1", m.atDay(1));
                SmallCity.addBreak(dsl, "m1", "P1", "A1", m.atEndOfMonth());
                SmallCity.addBreak(dsl, "m2", "P2", "A1", m.plusMonths(3).atDay(5));
                dsl.batchInsert(attribute("breaks", "test:m0", "soil_code", "AA"),
                        attribute("breaks", "test:m1", "soil_code", "AA"),
                        attribute("breaks", "test:m2", "soil_code", "AA"),
                        attribute("breaks", "test:m0", "depth", 100.0),
                        attribute("breaks", "test:m1", "depth", 100.0),
                        attribute("breaks", "test:m2", "depth", 100.0)).execute();
                dsl.update(RECORD_ATTRIBUTES).set(RECORD_ATTRIBUTES.TEXT_VALUE, "ZZ")
                        .where(RECORD_ATTRIBUTES.RECORD_ID.eq("test:b5")).execute();
                FeatureBuild.on(store).run(definition(grain, "after", names));

                Map<String, Object> before = valuesByMonth(store, definition(grain, "before", names).featureSetId());
                Map<String, Object> after = valuesByMonth(store, definition(grain, "after", names).featureSetId());
                int compared = 0;
                for (Map.Entry<String, Object> e : after.entrySet()) {
                    YearMonth month = YearMonth.parse(e.getKey().substring(e.getKey().indexOf('@') + 1));
                    if (!month.isAfter(m)) {
                        assertThat(e.getValue()).as("%s %s", grain, e.getKey()).isEqualTo(before.get(e.getKey()));
                        compared++;
                    }
                }
                assertThat(compared).isGreaterThan(60);
                String p1 = grain.kind() == Grain.Kind.PIPE ? "P1" : "A1";
                assertThat(after.get(p1 + "|breaks.depth@" + m.plusMonths(1))).as("the month after m sees them")
                        .isNotEqualTo(before.get(p1 + "|breaks.depth@" + m.plusMonths(1)));
                assertThat(after.get(p1 + "|breaks.soil_code@" + m.plusMonths(1))).isEqualTo("AA");
            }
        }
    }

    @EachStore
    void anAttributeNoRecordHoldsIsRefusedBeforeTheBuild(BreakwaterStore store) {
        SmallCity.fill(store.dsl());
        fillAttributes(store.dsl());
        assertThatThrownBy(() -> FeatureBuild.on(store).run(definition(Grain.pipe(), "1", List.of("lined", "pH"))))
                .isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("attribute 'pH' (features.attributes)")
                .hasMessageContaining("lined (pipes)").hasMessageContaining("ph (soil)")
                .hasMessageContaining("soil_code (breaks)")
                .extracting(e -> ((BreakwaterException) e).errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        // an area attribute is not read at pipe grain
        assertThatThrownBy(() -> FeatureBuild.on(store).run(definition(Grain.pipe(), "1", List.of("district"))))
                .hasMessageContaining("attribute 'district'").hasMessageContaining("district (areas)");
        assertThat(store.dsl().fetchCount(FEATURE_SETS)).isZero();
        assertThat(store.dsl().fetchCount(FEATURE_ATTRIBUTE_VALUES)).isZero();
    }

    @Test
    void definitionsWithoutAttributesKeepTheirHashAndBadNamesAreRefused() {
        FeatureSetDefinition plain = FeatureSetDefinition.builder().grain(Grain.area()).build();
        assertThat(plain.definitionJson()).doesNotContain("attributes");
        assertThat(plain.attributes()).isEmpty();
        assertThat(FeatureSetDefinition.builder().grain(Grain.area()).attributes(List.of()).build().definitionHash())
                .isEqualTo(plain.definitionHash());
        assertThat(FeatureSetDefinition.builder().attributes(List.of("b", "a")).build().definitionHash())
                .isEqualTo(FeatureSetDefinition.builder().attributes(List.of("a", "b")).build().definitionHash());
        assertThatThrownBy(() -> FeatureSetDefinition.builder().attributes(List.of("soil code")).build())
                .hasMessageContaining("attribute 'soil code' (features.attributes)");
        assertThatThrownBy(() -> FeatureSetDefinition.builder().attributes(List.of("a", "a")).build())
                .hasMessageContaining("features.attributes");
    }
}
