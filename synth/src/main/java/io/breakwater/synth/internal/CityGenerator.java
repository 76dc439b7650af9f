package io.breakwater.synth.internal;

import io.breakwater.db.ProgressListener;
import io.breakwater.synth.CityFiles;
import io.breakwater.synth.CityResult;
import io.breakwater.synth.HazardParameters;
import io.breakwater.synth.RealismKnobs;
import io.breakwater.synth.SyntheticCity;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one synthetic city. Per-pipe state lives in flat arrays (about 60 bytes a pipe); months are drawn one at a
 * time and streamed to disk, so memory does not grow with the number of years.
 */
public record CityGenerator(SyntheticCity city, ProgressListener progress) {
    private static final Logger LOG = LoggerFactory.getLogger(CityGenerator.class);

    /** The city's centre, in southern Ontario (UTM zone 17N). */
    public static final double CENTRE_LON = -80.45;
    public static final double CENTRE_LAT = 43.45;
    public static final String TIME_ZONE = "America/Toronto";
    public static final int FORMAT_VERSION = 1;
    private static final double MARGIN_M = 150.0;
    private static final double REPLACED_SHARE = 0.12;
    private static final int[] LOCAL_DIAMETERS = {4, 6, 8, 10, 12};
    private static final double[] LOCAL_WEIGHTS = {0.12, 0.45, 0.30, 0.05, 0.08};
    private static final int[] ARTERIAL_DIAMETERS = {12, 16, 20, 24, 36};
    private static final double[] ARTERIAL_WEIGHTS = {0.35, 0.25, 0.15, 0.15, 0.10};

    public static String pipeId(int pipe) {
        String digits = Integer.toString(pipe + 1);
        return "WM" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    public CityResult write(Path dir) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(dir.resolve("truth"));
        final int n = city.pipes();
        final long seed = city.seed();
        final int first = city.firstYear();
        final int last = city.lastYear();
        final HazardParameters p = city.hazard();
        final RealismKnobs knobs = city.knobs();

        Projection projection = new Projection();
        double[] xy = new double[4];
        projection.projected(CENTRE_LON, CENTRE_LAT, xy);
        final double centreX = xy[0];
        final double centreY = xy[1];
        StreetGrid grid = new StreetGrid(seed, n, centreX, centreY);
        Envelope envelope = new Envelope(grid.minX() - MARGIN_M, grid.maxX() + MARGIN_M, grid.minY() - MARGIN_M,
                grid.maxY() + MARGIN_M);

        // districts: a grid of rectangles over the envelope, each with its own development offset
        int side = Math.max(2, Math.min(20, (int) Math.round(Math.sqrt(n / 2500.0))));
        double areaW = envelope.getWidth() / side;
        double areaH = envelope.getHeight() / side;
        SplittableRandom areaRng = Rng.stream(seed, "areas");
        double[] areaOffset = new double[side * side];
        for (int a = 0; a < areaOffset.length; a++) {
            areaOffset[a] = 8.0 * Rng.gaussian(areaRng);
        }
        String[] areaCodes = new String[side * side];
        for (int a = 0; a < areaCodes.length; a++) {
            areaCodes[a] = areaCode(a, side);
        }
        SoilZones soil = new SoilZones(seed, Math.max(6, Math.min(300, n / 3000)), envelope);

        // the pipe inventory
        progress.started("synth pipes", n, "pipes");
        int[] install = new int[n];
        byte[] material = new byte[n];
        byte[] diameter = new byte[n];
        double[] length = new double[n];
        short[] area = new short[n];
        short[] zone = new short[n];
        boolean[] abandoned = new boolean[n];
        boolean[] unknownCode = new boolean[n];
        int[] predecessorInstall = new int[n];
        byte[] predecessorMaterial = new byte[n];
        SplittableRandom predecessorRng = Rng.stream(seed, "predecessors");
        long replacedInPeriod = 0;
        double maxR = Math.hypot(grid.maxX() - grid.minX(), grid.maxY() - grid.minY()) / 2;
        SplittableRandom pipeRng = Rng.stream(seed, "pipes");
        SplittableRandom statusRng = Rng.stream(seed, "pipe-status");
        SplittableRandom codeRng = Rng.stream(seed, "pipe-codes");
        long unknownPipes = 0;
        int active = 0;
        double networkKm = 0;
        for (int i = 0; i < n; i++) {
            grid.endpoints(i, xy);
            double mx = (xy[0] + xy[2]) / 2;
            double my = (xy[1] + xy[3]) / 2;
            length[i] = Math.hypot(xy[2] - xy[0], xy[3] - xy[1]);
            int ax = Math.min(side - 1, (int) ((mx - envelope.getMinX()) / areaW));
            int ay = Math.min(side - 1, (int) ((my - envelope.getMinY()) / areaH));
            area[i] = (short) (ay * side + ax);
            zone[i] = (short) soil.zoneOf(mx, my);
            double r = Math.hypot(mx - centreX, my - centreY) / maxR;
            double developed = 1885 + 100 * r + areaOffset[area[i]];
            int year;
            boolean replacement = pipeRng.nextDouble() < REPLACED_SHARE;
            if (replacement) {
                int lo = Math.min(last, Math.max((int) developed + 15, 1950));
                year = lo + pipeRng.nextInt(last - lo + 1);
            } else {
                year = (int) Math.round(developed + 6 * Rng.gaussian(pipeRng));
            }
            install[i] = Math.max(1860, Math.min(last, year));
            if (replacement && install[i] > first) {
                // replaced during the simulated years: the inventory (a snapshot) shows the new main under the old id
                int old = (int) Math.round(developed + 6 * Rng.gaussian(predecessorRng));
                predecessorInstall[i] = Math.max(1860, Math.min(install[i] - 1, old));
                predecessorMaterial[i] = (byte) Material.draw(predecessorRng, predecessorInstall[i]).ordinal();
                replacedInPeriod++;
            }
            Material m = Material.draw(pipeRng, install[i]);
            material[i] = (byte) m.ordinal();
            int d = m == Material.CU ? 2 : grid.isArterial(i)
                    ? ARTERIAL_DIAMETERS[Rng.pick(pipeRng, ARTERIAL_WEIGHTS)]
                    : LOCAL_DIAMETERS[Rng.pick(pipeRng, LOCAL_WEIGHTS)];
            diameter[i] = (byte) d;
            abandoned[i] = statusRng.nextDouble() < knobs.abandonedShare();
            unknownCode[i] = codeRng.nextDouble() < knobs.unknownMaterialShare();
            if (unknownCode[i]) {
                unknownPipes++;
            }
            if (!abandoned[i]) {
                active++;
                networkKm += length[i] / 1000.0;
            }
        }

        // climate, then the level of the hazard
        Weather weather = new Weather(seed, first, last);
        Weather.ClimateMonth[] months = weather.months(p, first, last);
        double[] weight = new double[n];
        double[] predecessorWeight = new double[n];
        for (int i = 0; i < n; i++) {
            weight[i] = abandoned[i] ? 0.0 : HazardEngine.weight(p, 1.0, length[i], Material.of(material[i]),
                    diameter[i], soil.corrosivity(zone[i]), soil.shrinkSwellIndex(zone[i]));
            if (predecessorInstall[i] != 0 && !abandoned[i]) {
                predecessorWeight[i] = HazardEngine.weight(p, 1.0, length[i], Material.of(predecessorMaterial[i]),
                        diameter[i], soil.corrosivity(zone[i]), soil.shrinkSwellIndex(zone[i]));
            }
        }
        double[] ageFactor = new double[p.ageCapYears() + 1];
        for (int a = 0; a < ageFactor.length; a++) {
            ageFactor[a] = p.ageFactor(a);
        }
        double exposureKmYears = 0;
        double expected = 0;
        for (int y = first; y <= last; y++) {
            double climate = 0;
            for (int m = 0; m < 12; m++) {
                climate += months[(y - first) * 12 + m].factor();
            }
            double km = 0;
            double w = 0;
            for (int i = 0; i < n; i++) {
                if (!abandoned[i] && install[i] <= y) {
                    km += length[i] / 1000.0;
                    w += weight[i] * ageFactor[Math.min(y - install[i], ageFactor.length - 1)];
                } else if (predecessorWeight[i] != 0.0 && y >= predecessorInstall[i]) {
                    km += length[i] / 1000.0;
                    w += predecessorWeight[i] * ageFactor[Math.min(y - predecessorInstall[i], ageFactor.length - 1)];
                }
            }
            exposureKmYears += km;
            expected += w * climate;
        }
        double base = expected > 0 ? p.breaksPer100KmYear() / 100.0 * exposureKmYears / expected : 0.0;
        for (int i = 0; i < n; i++) {
            weight[i] = weight[i] * base;
            predecessorWeight[i] = predecessorWeight[i] * base;
        }

        // pipes: GeoJSON, CSV and the truth of each pipe, in one pass
        Path pipesGeo = dir.resolve(CityFiles.PIPES_GEOJSON);
        Path pipesCsv = dir.resolve(CityFiles.PIPES_CSV);
        double[] ll = new double[4];
        try (Writer geo = writer(pipesGeo); Writer csv = writer(pipesCsv);
                Writer truth = gzipWriter(dir.resolve(CityFiles.TRUTH_PIPES))) {
            geo.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            csv.write("PIPE_ID,MATERIAL,DIAM_MM,INSTALL_YR,LENGTH_M,STATUS\n");
            truth.write("pipe_index,pipe_id,material_code,material,material_written,diameter_in,install_year,length_m,"
                    + "status,area_code,soil_zone_id,corrosivity,shrink_swell_index,weight,predecessor_material_code,"
                    + "predecessor_install_year,predecessor_weight\n");
            StringBuilder sb = new StringBuilder(512);
            for (int i = 0; i < n; i++) {
                Material m = Material.of(material[i]);
                String id = pipeId(i);
                String code = unknownCode[i] ? "UNK" : m.code();
                String status = abandoned[i] ? "ABN" : "ACT";
                grid.endpoints(i, xy);
                projection.lonLat(xy[0], xy[1], ll, 0);
                projection.lonLat(xy[2], xy[3], ll, 2);
                sb.setLength(0);
                sb.append("{\"type\":\"Feature\",\"properties\":{\"PIPE_ID\":\"").append(id)
                        .append("\",\"MATERIAL\":\"").append(code)
                        .append("\",\"DIAM_IN\":").append(diameter[i])
                        .append(",\"INSTALL_YR\":").append(install[i])
                        .append(",\"LENGTH_M\":");
                Fmt.fixed(sb, length[i], 2);
                sb.append(",\"STATUS\":\"").append(status)
                        .append("\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[");
                Fmt.fixed(sb, ll[0], 7).append(',');
                Fmt.fixed(sb, ll[1], 7).append("],[");
                Fmt.fixed(sb, ll[2], 7).append(',');
                Fmt.fixed(sb, ll[3], 7).append("]]}}");
                sb.append(i < n - 1 ? ",\n" : "\n");
                geo.write(sb.toString());

                sb.setLength(0);
                sb.append(id).append(',').append(code).append(',').append(Math.round(diameter[i] * 25.4)).append(',')
                        .append(install[i]).append(',');
                Fmt.fixed(sb, length[i], 2).append(',').append(status).append('\n');
                csv.write(sb.toString());

                sb.setLength(0);
                sb.append(i).append(',').append(id).append(',').append(m.code()).append(',').append(m.vocabulary())
                        .append(',').append(code).append(',').append(diameter[i]).append(',').append(install[i])
                        .append(',').append(length[i]).append(',').append(status).append(',')
                        .append(areaCodes[area[i]]).append(',').append(SoilZones.id(zone[i])).append(',')
                        .append(soil.corrosivity(zone[i])).append(',').append(soil.shrinkSwellIndex(zone[i]))
                        .append(',').append(weight[i]).append(',');
                if (predecessorInstall[i] != 0) {
                    sb.append(Material.of(predecessorMaterial[i]).code()).append(',').append(predecessorInstall[i])
                            .append(',').append(predecessorWeight[i]);
                } else {
                    sb.append(",,");
                }
                sb.append('\n');
                truth.write(sb.toString());
                if ((i & 0xFFFF) == 0) {
                    progress.progressed("synth pipes", i);
                }
            }
            geo.write("]}\n");
        }
        progress.finished("synth pipes", String.format("%,d pipes, %,.1f km of active main", n, networkKm));

        PolygonLayers.writeAreas(dir.resolve(CityFiles.AREAS_GEOJSON), projection, envelope, side, areaW, areaH);
        PolygonLayers.writeSoil(dir.resolve(CityFiles.SOIL_GEOJSON), projection, soil);
        List<Path> eccc = ClimateWriter.writeEccc(weather, dir.resolve(CityFiles.ECCC_DIRECTORY), first, last,
                CENTRE_LAT, CENTRE_LON);
        long ghcnMissing = ClimateWriter.writeGhcn(weather, dir.resolve(CityFiles.GHCN_CSV), seed, first, last,
                knobs.climateMissingShare());
        try (Writer out = writer(dir.resolve(CityFiles.TRUTH_MONTHS))) {
            out.write("month_index,year,month,mean_temp_c,freezing_index,temp_drop_c,sharp_drop_days,climate_factor\n");
            for (int t = 0; t < months.length; t++) {
                Weather.ClimateMonth cm = months[t];
                out.write(t + "," + cm.year() + "," + cm.month() + "," + cm.meanTempC() + "," + cm.freezingIndex() + ","
                        + cm.tempDropC() + "," + cm.sharpDropDays() + "," + cm.factor() + "\n");
            }
        }

        // the months: hazard, draws, records
        boolean full = (long) n * months.length <= city.fullTruthLimit();
        BreakRecords records = new BreakRecords(seed, knobs, grid, projection);
        HazardEngine engine = new HazardEngine(p, grid, weight, install, predecessorWeight, predecessorInstall);
        double[] hazard = new double[n];
        int[] broke = new int[256];
        int[] counts = new int[256];
        SplittableRandom draws = Rng.stream(seed, "break-draws");
        long drawn = 0;
        progress.started("synth breaks", months.length, "months");
        try (Writer breaks = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(
                dir.resolve(CityFiles.BREAKS_CSV)), StandardCharsets.UTF_8), 1 << 20);
                Writer truthBreaks = gzipWriter(dir.resolve(CityFiles.TRUTH_BREAKS));
                Writer truthFull = full ? gzipWriter(dir.resolve(CityFiles.TRUTH_FULL)) : Writer.nullWriter()) {
            breaks.write(BreakRecords.HEADER);
            truthBreaks.write("year,month,pipe_index,pipe_id,hazard,breaks\n");
            truthFull.write("year,month,pipe_id,hazard,breaks\n");
            StringBuilder sb = new StringBuilder(256);
            for (int t = 0; t < months.length; t++) {
                Weather.ClimateMonth cm = months[t];
                engine.hazards(cm.year(), cm.factor(), hazard);
                int nb = 0;
                for (int i = 0; i < n; i++) {
                    int k = Rng.poisson(draws, hazard[i]);
                    if (k > 0) {
                        if (nb == broke.length) {
                            broke = Arrays.copyOf(broke, nb * 2);
                            counts = Arrays.copyOf(counts, nb * 2);
                        }
                        broke[nb] = i;
                        counts[nb++] = k;
                    }
                }
                YearMonth month = YearMonth.of(cm.year(), cm.month());
                for (int j = 0; j < nb; j++) {
                    int i = broke[j];
                    drawn += counts[j];
                    boolean beforeInstall = cm.year() < install[i];
                    Material m = Material.of(beforeInstall ? predecessorMaterial[i] : material[i]);
                    String code = beforeInstall ? m.code() : unknownCode[i] ? "UNK" : m.code();
                    records.write(breaks, month, i, counts[j], code, m, diameter[i], beforeInstall);
                    sb.setLength(0);
                    sb.append(cm.year()).append(',').append(cm.month()).append(',').append(i).append(',')
                            .append(pipeId(i)).append(',').append(hazard[i]).append(',').append(counts[j]).append('\n');
                    truthBreaks.write(sb.toString());
                }
                if (full) {
                    int j = 0;
                    String prefix = cm.year() + "," + cm.month() + ",";
                    for (int i = 0; i < n; i++) {
                        int k = 0;
                        if (j < nb && broke[j] == i) {
                            k = counts[j++];
                        }
                        sb.setLength(0);
                        sb.append(prefix).append(pipeId(i)).append(',').append(hazard[i]).append(',').append(k)
                                .append('\n');
                        truthFull.write(sb.toString());
                    }
                }
                engine.advance(broke, counts, nb);
                progress.progressed("synth breaks", t + 1);
            }
        }
        double rate = exposureKmYears > 0 ? drawn / (exposureKmYears / 100.0) : 0.0;
        progress.finished("synth breaks", String.format("%,d breaks drawn over %d years (%.1f per 100 km per year), "
                + "%,d rows written", drawn, last - first + 1, rate, records.counts().rows()));

        double[] lo = new double[2];
        double[] hi = new double[2];
        projection.lonLat(envelope.getMinX(), envelope.getMinY(), lo, 0);
        projection.lonLat(envelope.getMaxX(), envelope.getMaxY(), hi, 0);
        double[] box = {Math.floor(Math.min(lo[0], hi[0]) * 100 - 2) / 100, Math.floor(lo[1] * 100 - 2) / 100,
            Math.ceil(Math.max(lo[0], hi[0]) * 100 + 2) / 100, Math.ceil(hi[1] * 100 + 2) / 100};
        Mappings.writeAll(dir, box);

        CityFiles files = CityFiles.in(dir, eccc, full);
        BreakRecords.Counts written = records.counts();
        CityResult result = new CityResult(dir, seed, n, active, networkKm, side * side, soil.count(), first, last,
                drawn, rate, written.rows(), written.withAssetId(), written.badCoordinates(),
                written.missingDates(), written.duplicates(), unknownPipes, replacedInPeriod,
                written.datedBeforeInstall(), ghcnMissing, files);
        Manifest.write(dir.resolve(CityFiles.MANIFEST), city, result, grid, centreX, centreY, base, exposureKmYears);
        LOG.info("synthetic city of {} pipes x {} years written to {} in {} ms", n, last - first + 1, dir,
                (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    static String areaCode(int area, int side) {
        return String.format("D%02d%02d", area / side + 1, area % side + 1);
    }

    static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    static Writer gzipWriter(Path file) throws IOException {
        OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
        return new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16);
    }
}
