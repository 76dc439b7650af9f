package io.breakwater.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

class SyntheticCityTests {
    @TempDir
    Path tmp;

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedAnotherCity() throws IOException {
        SyntheticCity city = SyntheticCity.builder().pipes(600).years(3).seed(7).build();
        CityResult a = city.writeTo(tmp.resolve("a"));
        CityResult b = city.writeTo(tmp.resolve("b"));
        List<Path> filesA = relativeFiles(a.directory());
        assertThat(filesA).hasSizeGreaterThanOrEqualTo(20).isEqualTo(relativeFiles(b.directory()));
        for (Path f : filesA) {
            assertThat(Files.readAllBytes(b.directory().resolve(f))).as(f.toString())
                    .isEqualTo(Files.readAllBytes(a.directory().resolve(f)));
        }
        CityResult other = SyntheticCity.builder().pipes(600).years(3).seed(8).build().writeTo(tmp.resolve("c"));
        assertThat(Files.readAllBytes(other.files().breaksCsv())).isNotEqualTo(Files.readAllBytes(a.files().breaksCsv()));
        assertThat(Files.readAllBytes(other.files().pipesGeoJson())).isNotEqualTo(Files.readAllBytes(a.files().pipesGeoJson()));
    }

    @Test
    void theTruthReaderReplaysTheHazardAndCountsOfEveryPipeAndMonth() throws IOException {
        CityResult city = SyntheticCity.builder().pipes(900).years(4).seed(11).build().writeTo(tmp);
        assertThat(city.files().truthFull()).exists();
        Map<String, String> full = new HashMap<>();
        try (BufferedReader in = gzip(city.files().truthFull())) {
            assertThat(in.readLine()).isEqualTo("year,month,pipe_id,hazard,breaks");
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                full.put(f[0] + "-" + f[1] + "-" + f[2], f[3] + "," + f[4]);
            }
        }
        assertThat(full).hasSize(900 * 48);
        CityTruth truth = CityTruth.open(city.directory());
        long[] replayed = new long[2];
        truth.forEachMonth((month, hazard, breaks) -> {
            for (int i = 0; i < hazard.length; i++) {
                String key = month.month().getYear() + "-" + month.month().getMonthValue() + "-" + truth.pipe(i).pipeId();
                assertThat(full.get(key)).isEqualTo(hazard[i] + "," + breaks[i]);
                replayed[0] += breaks[i];
            }
            replayed[1]++;
        });
        assertThat(replayed[1]).isEqualTo(48);
        assertThat(replayed[0]).isEqualTo(city.breaksDrawn()).isPositive();
        long rows;
        try (Stream<String> lines = Files.lines(city.files().breaksCsv())) {
            rows = lines.count() - 1;
        }
        assertThat(rows).isEqualTo(city.breakRows()).isEqualTo(city.breaksDrawn() + city.duplicateRows());
    }

    @Test
    void everyMappingIsValidYamlAndNamesColumnsTheFileHas() throws IOException {
        CityResult city = SyntheticCity.builder().pipes(400).years(2).seed(3).build().writeTo(tmp);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        CityFiles f = city.files();

        JsonNode breaks = yaml.readTree(f.breaksMapping().toFile());
        assertThat(breaks.get("kind").asText()).isEqualTo("breaks");
        List<String> breakHeader = List.of(Files.readAllLines(f.breaksCsv()).get(0).split(","));
        List<String> named = new ArrayList<>();
        breaks.get("id").get("columns").forEach(c -> named.add(c.asText()));
        named.add(breaks.get("date").get("column").asText());
        breaks.get("coordinates").forEach(c -> {
            named.add(c.get("x").asText());
            named.add(c.get("y").asText());
        });
        breaks.get("attributes").forEach(a -> named.add(a.get("column").asText()));
        assertThat(breakHeader).containsAll(named);
        assertThat(breaks.get("coordinates").get(0).get("crs").asText()).isEqualTo("EPSG:26917");

        JsonNode pipes = yaml.readTree(f.pipesMapping().toFile());
        String firstFeature = Files.readAllLines(f.pipesGeoJson()).get(1);
        pipes.get("attributes").forEach(a -> assertThat(firstFeature).contains("\"" + a.get("column").asText() + "\":"));
        JsonNode pipesCsv = yaml.readTree(f.pipesCsvMapping().toFile());
        List<String> csvHeader = List.of(Files.readAllLines(f.pipesCsv()).get(0).split(","));
        pipesCsv.get("attributes").forEach(a -> assertThat(csvHeader).contains(a.get("column").asText()));
        assertThat(pipesCsv.get("attributes").get("diameter").get("unit").asText()).isEqualTo("mm");

        JsonNode soil = yaml.readTree(f.soilMapping().toFile());
        assertThat(soil.get("synthetic").asBoolean()).isTrue();
        String soilFeature = Files.readAllLines(f.soilGeoJson()).get(1);
        soil.get("attributes").forEach(a -> assertThat(soilFeature).contains("\"" + a.get("column").asText() + "\":"));
        JsonNode areas = yaml.readTree(f.areasMapping().toFile());
        assertThat(Files.readAllLines(f.areasGeoJson()).get(1)).contains("\"" + areas.get("name").get("column").asText() + "\":");
        assertThat(yaml.readTree(f.ecccMapping().toFile()).get("format").get("type").asText()).isEqualTo("eccc-daily");
        assertThat(yaml.readTree(f.ghcnMapping().toFile()).get("format").get("type").asText()).isEqualTo("ghcn-daily");
        // the GeoJSON files are valid JSON
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(f.pipesGeoJson().toFile()).get("features")).hasSize(400);
        assertThat(json.readTree(f.areasGeoJson().toFile()).get("features")).hasSize(city.areas());
        assertThat(json.readTree(f.soilGeoJson().toFile()).get("features")).hasSize(city.soilZones());
    }

    @Test
    void wardsAndSoilZonesTileTheSameEnvelopeAndHoldEveryPipe() throws IOException {
        CityResult city = SyntheticCity.builder().pipes(30_000).years(1).seed(13).fullTruthLimit(0).build().writeTo(tmp);
        ObjectMapper json = new ObjectMapper();
        JsonNode wards = json.readTree(city.files().areasGeoJson().toFile()).get("features");
        JsonNode soils = json.readTree(city.files().soilGeoJson().toFile()).get("features");
        assertThat(wards).hasSize(9);
        assertThat(soils).hasSize(10);
        double wardArea = 0;
        for (JsonNode f : wards) {
            wardArea += ringArea(f.get("geometry").get("coordinates").get(0));
        }
        double soilArea = 0;
        for (JsonNode f : soils) {
            double a = ringArea(f.get("geometry").get("coordinates").get(0));
            assertThat(a).as("exterior rings run counter-clockwise (RFC 7946)").isPositive();
            soilArea += a;
        }
        // equal up to the edges: straight in UTM, written vertex by vertex in lon/lat (different vertices per layer)
        assertThat(soilArea).isCloseTo(wardArea, within(wardArea * 1e-4));
        // every pipe's end lies inside the envelope the wards cover
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (JsonNode f : wards) {
            for (JsonNode c : f.get("geometry").get("coordinates").get(0)) {
                box[0] = Math.min(box[0], c.get(0).asDouble());
                box[1] = Math.min(box[1], c.get(1).asDouble());
                box[2] = Math.max(box[2], c.get(0).asDouble());
                box[3] = Math.max(box[3], c.get(1).asDouble());
            }
        }
        for (JsonNode f : json.readTree(city.files().pipesGeoJson().toFile()).get("features")) {
            for (JsonNode c : f.get("geometry").get("coordinates")) {
                assertThat(c.get(0).asDouble()).isBetween(box[0], box[2]);
                assertThat(c.get(1).asDouble()).isBetween(box[1], box[3]);
            }
        }
    }

    /** Signed shoelace area in square degrees: positive when counter-clockwise. */
    private static double ringArea(JsonNode ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            sum += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble()
                    - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
        }
        return sum / 2;
    }

    @Test
    void climateFilesHaveTheLayoutOfTheRealExports() throws IOException {
        CityResult city = SyntheticCity.builder().pipes(100).years(2).firstYear(2019).seed(5).build().writeTo(tmp);
        assertThat(city.files().ecccFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("eng-daily-01012019-12312019.csv", "eng-daily-01012020-12312020.csv");
        byte[] bytes = Files.readAllBytes(city.files().ecccFiles().get(1));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = Files.readAllLines(city.files().ecccFiles().get(1), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("\uFEFF\"Station Name\",\"PORT MERIDIAN\"");
        assertThat(lines.get(5)).isEqualTo("\"Climate Identifier\",\"6150001\"");
        assertThat(lines.get(8)).isEmpty();
        assertThat(lines.get(9)).isEqualTo("\"Legend\"");
        assertThat(lines.get(24)).isEmpty();
        assertThat(lines.get(25)).startsWith("\"Date/Time\",\"Year\",\"Month\",\"Day\",\"Data Quality\",\"Max Temp (\u00b0C)\",\"Max Temp Flag\"");
        assertThat(lines.get(25).split(",")).hasSize(27);
        assertThat(lines).hasSize(26 + 366); // 2020 is a leap year
        assertThat(lines.get(26)).startsWith("\"2020-01-01\",\"2020\",\"01\",\"01\",\"\",\"");
        for (String row : lines.subList(26, lines.size())) {
            assertThat(row.split(",", -1)).hasSize(27);
        }
        List<String> ghcn = Files.readAllLines(city.files().ghcnCsv());
        assertThat(ghcn.get(0)).isEqualTo("\"STATION\",\"DATE\",\"PRCP\",\"SNOW\",\"TMAX\",\"TMIN\"");
        assertThat(ghcn).hasSize(1 + 365 + 366);
        // raw GHCN units: tenths of a degree, so winter minima are below -100 somewhere
        assertThat(ghcn.stream().skip(1).map(l -> l.split(",")[5].replace("\"", "")).filter(v -> !v.isEmpty())
                .mapToInt(Integer::parseInt).min().orElseThrow()).isLessThan(-100);
    }

    @Test
    void breakRowsCarryTheDefectsTheKnobsAskForAndLieOnTheirPipe() throws IOException {
        RealismKnobs knobs = new RealismKnobs(0.6, 0.1, 0.05, 0.1, 0.2, 0.015, 0.0);
        CityResult city = SyntheticCity.builder().pipes(3000).years(6).seed(21).knobs(knobs).build().writeTo(tmp);
        List<String> rows = Files.readAllLines(city.files().breaksCsv());
        int n = rows.size() - 1;
        assertThat(n).isGreaterThan(500);
        assertThat(city.rowsWithAssetId() / (double) n).isCloseTo(0.6, within(0.06));
        assertThat(city.badCoordinateRows() / (double) n).isCloseTo(0.1, within(0.04));
        assertThat(city.missingDateRows() / (double) n).isCloseTo(0.05, within(0.03));
        assertThat(city.duplicateRows() / (double) city.breaksDrawn()).isCloseTo(0.1, within(0.04));
        assertThat(city.unknownMaterialPipes() / 3000.0).isCloseTo(0.2, within(0.03));

        CityTruth truth = CityTruth.open(city.directory());
        Map<String, CityTruth.Pipe> byId = new HashMap<>();
        truth.pipes().forEach(p -> byId.put(p.pipeId(), p));
        CoordinateTransform toUtm = new CoordinateTransformFactory().createTransform(
                new CRSFactory().createFromName("EPSG:4326"), new CRSFactory().createFromName("EPSG:26917"));
        Set<String> workOrders = new HashSet<>();
        int agreeing = 0;
        int checked = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertThat(f).hasSize(10);
            assertThat(workOrders.add(f[0])).as("work orders are unique").isTrue();
            if (!f[2].isEmpty()) {
                assertThat(byId).containsKey(f[2]);
                assertThat(f[3]).isIn(byId.get(f[2]).materialWritten(), byId.get(f[2]).predecessorMaterialCode());
            }
            if (f[6].isEmpty() || f[6].equals("0")) {
                continue;
            }
            ProjCoordinate utm = new ProjCoordinate();
            toUtm.transform(new ProjCoordinate(Double.parseDouble(f[8]), Double.parseDouble(f[9])), utm);
            checked++;
            if (Math.hypot(utm.x - Double.parseDouble(f[6]), utm.y - Double.parseDouble(f[7])) < 0.5) {
                agreeing++;
            }
        }
        // only the "5 km apart" and "swapped" defects make the pairs disagree: about half of 10%
        assertThat(agreeing / (double) checked).isBetween(0.9, 0.99);
    }

    @Test
    void neighboursShareAJunctionWithin200Metres() {
        io.breakwater.synth.internal.StreetGrid grid = new io.breakwater.synth.internal.StreetGrid(1, 5000, 500000, 4800000);
        int[] out = new int[6];
        int[] back = new int[6];
        double[] a = new double[4];
        double[] b = new double[4];
        for (int e = 0; e < 5000; e++) {
            int k = grid.neighbours(e, out);
            assertThat(k).isBetween(1, 6);
            grid.endpoints(e, a);
            for (int j = 0; j < k; j++) {
                int m = grid.neighbours(out[j], back);
                assertThat(java.util.Arrays.copyOf(back, m)).contains(e);
                grid.endpoints(out[j], b);
                double d = Math.hypot((a[0] + a[2] - b[0] - b[2]) / 2, (a[1] + a[3] - b[1] - b[3]) / 2);
                assertThat(d).isBetween(40.0, 200.0);
            }
        }
    }

    @Test
    void aConfigurationThatCannotWorkIsRefusedWithTheNameOfTheSetting() {
        assertThatThrownBy(() -> SyntheticCity.builder().pipes(2).build())
                .isInstanceOf(BreakwaterException.class)
                .hasMessage("synthetic city: pipes = 2, expected 4 to 5000000")
                .extracting(e -> ((BreakwaterException) e).errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThatThrownBy(() -> SyntheticCity.builder().years(0).build()).hasMessageContaining("years = 0");
        assertThatThrownBy(() -> new RealismKnobs(1.2, 0, 0, 0, 0, 0, 0)).hasMessageContaining("assetIdShare = 1.2");
        assertThatThrownBy(() -> HazardParameters.defaults().withExcitation(-1, 0))
                .hasMessageContaining("selfExcitation = -1.0");
        assertThatThrownBy(() -> CityTruth.open(tmp.resolve("nothing-here")))
                .isInstanceOf(BreakwaterException.class).hasMessageContaining("does not exist");
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private static BufferedReader gzip(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8));
    }
}
