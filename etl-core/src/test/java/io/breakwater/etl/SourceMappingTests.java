package io.breakwater.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.etl.breaks.BreakIngest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceMappingTests {
    @TempDir
    Path dir;

    @Test
    void theTorontoMappingReadsWithEveryPart() {
        SourceMapping.File file = SourceMapping.read(EtlTesting.BREAKS_MAPPING);
        SourceMapping m = file.mapping();
        assertThat(m.source()).isEqualTo("toronto-breaks");
        assertThat(m.kind()).isEqualTo("breaks");
        assertThat(m.id().columns()).containsExactly("BREAK_DATE", "XCOORD", "YCOORD");
        assertThat(m.coordinates().pairs().get(0).crs()).startsWith("+proj=tmerc").contains("+towgs84=-10,158,187");
        assertThat(m.coordinates().pairs().get(1).crs()).isEqualTo("EPSG:4326");
        assertThat(m.coordinates().agreementMetres()).isEqualTo(100.0);
        assertThat(m.serviceArea().boundingBox()).containsExactly(-79.70, 43.55, -79.10, 43.90);
        assertThat(file.sha256()).hasSize(64);
    }

    /** The builder makes the same mapping as the YAML file, key for key, and its hash is stable. */
    @Test
    void aMappingBuiltInCodeEqualsTheTorontoFile() {
        SourceMapping fromFile = SourceMapping.read(EtlTesting.BREAKS_MAPPING).mapping();
        SourceMapping built = SourceMapping.builder("toronto-breaks", "breaks")
                .csv(",")
                .id("BREAK_DATE", "XCOORD", "YCOORD")
                .date("BREAK_DATE", "yyyyMMdd")
                .year("BREAK_YEAR")
                .coordinates(100.0, fromFile.coordinates().pairs().toArray(SourceMapping.CoordinatePair[]::new))
                .serviceArea(-79.70, 43.55, -79.10, 43.90)
                .duplicatesWithin(5)
                .areas("toronto-neighbourhoods")
                .freshness(400)
                .attribution("City of Toronto Open Data, Watermain Breaks: contains information licensed under the "
                        + "Open Government Licence – Toronto")
                .build();
        assertThat(built).isEqualTo(fromFile);
        assertThat(SourceMapping.File.of(built, dir).sha256()).isEqualTo(SourceMapping.File.of(fromFile, dir).sha256());
        assertThat(SourceMapping.File.of(built, dir).path()).isEqualTo(dir.resolve("toronto-breaks (built in code)"));
    }

    /** A mapping built in code is checked like a file, and its errors name it and the key. */
    @Test
    void aBadMappingBuiltInCodeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> SourceMapping.File.of(SourceMapping.builder("s", "brakes").build(), dir))
                .hasMessageContaining("s (built in code): kind: expected one of");
        SourceMapping badCrs = SourceMapping.builder("s", "breaks").csv(",").id("ID").date("D", "yyyy-MM-dd")
                .coordinates(new SourceMapping.CoordinatePair("X", "Y", "EPSG:99999")).build();
        SourceMapping.File file = SourceMapping.File.of(badCrs, dir);
        assertThatThrownBy(() -> new BreakIngest(file, dir.resolve("x.csv"), null))
                .hasMessageContaining("s (built in code): coordinates.pairs[0].crs: unknown CRS 'EPSG:99999'");
    }

    @Test
    void aJsonMappingAndABareListOfPairsWork() {
        Path p = EtlTesting.write(dir, "m.json", """
                {"source": "s", "kind": "breaks", "format": {"type": "csv"}, "id": {"columns": ["ID"]},
                 "date": {"column": "D", "patterns": ["yyyy-MM-dd"]},
                 "coordinates": [{"x": "X", "y": "Y", "crs": "EPSG:4326"}]}
                """);
        SourceMapping m = SourceMapping.read(p).mapping();
        assertThat(m.coordinates().pairs()).hasSize(1);
        assertThat(m.coordinates().agreementMetres()).isNull();
    }

    @Test
    void anUnknownKeyIsRefusedNamingIt() {
        Path p = EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING.replace("year:", "yeer:"));
        assertThatThrownBy(() -> SourceMapping.read(p)).isInstanceOf(BreakwaterException.class)
                .hasMessageContaining("m.yaml: yeer: unknown key 'yeer'")
                .satisfies(e -> assertThat(((BreakwaterException) e).errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
    }

    /** A mapping that reads but cannot drive a break ingest: the ingest refuses it, naming the key and the value. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "EPSG:2019   | EPSG:99999  | coordinates.pairs[0].crs: unknown CRS 'EPSG:99999'",
        "yyyy-MM-dd] | yyyy-MM-bb] | date.patterns[1]: bad date pattern 'yyyy-MM-bb'"})
    void aMappingABreakIngestCannotUseIsRefusedNamingTheKey(String from, String to, String message) {
        Path p = EtlTesting.write(dir, "m.yaml", EtlTesting.SMALL_MAPPING.replace(from, to));
        SourceMapping.File file = SourceMapping.read(p);
        assertThatThrownBy(() -> new BreakIngest(file, dir.resolve("x.csv"), null)).hasMessageContaining(message);
    }

    @Test
    void aMissingKindOrAnUnknownAttributeIsRefused() {
        Path noKind = EtlTesting.write(dir, "a.yaml", "source: x\nformat: { type: csv }\n");
        assertThatThrownBy(() -> SourceMapping.read(noKind)).hasMessageContaining("kind: expected one of");
        Path attr = EtlTesting.write(dir, "b.yaml", EtlTesting.SMALL_MAPPING + "attributes:\n  colour: { column: C }\n");
        SourceMapping.File file = SourceMapping.read(attr);
        assertThatThrownBy(() -> new BreakIngest(file, dir.resolve("x.csv"), null))
                .hasMessageContaining("attributes.colour: unknown attribute");
        Path code = EtlTesting.write(dir, "c.yaml", EtlTesting.SMALL_MAPPING
                + "attributes:\n  material: { column: M, codes: { CI: cast_iron, XX: unobtainium } }\n");
        SourceMapping.File codes = SourceMapping.read(code);
        assertThatThrownBy(() -> new BreakIngest(codes, dir.resolve("x.csv"), null))
                .hasMessageContaining("attributes.material.codes.XX: 'unobtainium' is not in the material vocabulary");
    }

    @Test
    void materialsMapThroughCodesAndTheVocabulary() {
        java.util.Map<String, String> codes = java.util.Map.of("CI", "cast_iron", "DIP", "ductile_iron");
        assertThat(Material.map("ci", codes)).isEqualTo(Material.CAST_IRON);
        assertThat(Material.map("PVC", codes)).isEqualTo(Material.PVC);
        assertThat(Material.map("Asbestos Cement", codes)).isEqualTo(Material.ASBESTOS_CEMENT);
        assertThat(Material.map("", codes)).isEqualTo(Material.UNKNOWN);
        assertThat(Material.map("WOOD", codes)).isNull();
    }

    @Test
    void reprojectionOfTorontoMtmAgreesWithThePublishedLonLat() {
        double[] ll = new double[2];
        // proj4j's EPSG:2019 has no NAD27 datum shift: about 17 m off
        assertThat(Reprojection.toWgs84("EPSG:2019", "k").project(315377.765, 4840872.395, ll)).isTrue();
        assertThat(Reprojection.distanceMetres(ll[0], ll[1], -79.3685508176, 43.7097343351)).isBetween(10.0, 25.0);
        // the proj string of the bundled mapping adds the Canadian NAD27 shift
        String crs = SourceMapping.read(EtlTesting.BREAKS_MAPPING).mapping().coordinates().pairs().get(0).crs();
        assertThat(Reprojection.toWgs84(crs, "k").project(315377.765, 4840872.395, ll)).isTrue();
        assertThat(Reprojection.distanceMetres(ll[0], ll[1], -79.3685508176, 43.7097343351)).isLessThan(5);
        assertThat(Reprojection.toWgs84("EPSG:4326", "k").project(Double.NaN, 43, ll)).isFalse();
    }
}
