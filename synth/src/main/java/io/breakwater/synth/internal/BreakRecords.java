package io.breakwater.synth.internal;

import io.breakwater.synth.RealismKnobs;
import java.io.IOException;
import java.io.Writer;
import java.time.YearMonth;
import java.util.SplittableRandom;

/**
 * Turns drawn breaks into rows of the city's export, {@code WATERMAIN_BREAKS_EXPORT.csv}: a work order, the date as
 * {@code M/d/yyyy}, the asset id on part of the rows, material and diameter, a break type, UTM 17N easting/northing
 * and WGS84 lon/lat side by side; with the defects the realism knobs ask for. CRLF line ends, as a city's export tool
 * writes them.
 */
final class BreakRecords {
    static final String HEADER =
            "WORK_ORDER,BREAK_DATE,ASSET_ID,MAIN_MATERIAL,DIAM_IN,BREAK_TYPE,EASTING,NORTHING,LONGITUDE,LATITUDE\r\n";
    private static final String[] METAL_TYPES = {"CIRCUMFERENTIAL", "CIRCUMFERENTIAL", "LONGITUDINAL", "CORROSION HOLE",
        "JOINT"};
    private static final String[] CEMENT_TYPES = {"CIRCUMFERENTIAL", "CIRCUMFERENTIAL", "LONGITUDINAL", "JOINT"};
    private static final String[] PLASTIC_TYPES = {"LONGITUDINAL", "LONGITUDINAL", "JOINT", "CIRCUMFERENTIAL"};

    private final SplittableRandom rng;
    private final RealismKnobs knobs;
    private final StreetGrid grid;
    private final Projection projection;
    private final double[] xy = new double[4];
    private final double[] ll = new double[2];
    private final StringBuilder sb = new StringBuilder(256);
    private int orderYear = Integer.MIN_VALUE;
    private int orderNumber;
    private long rows;
    private long withAssetId;
    private long badCoordinates;
    private long missingDates;
    private long duplicates;
    private long datedBeforeInstall;
    private boolean beforeInstall;

    BreakRecords(long seed, RealismKnobs knobs, StreetGrid grid, Projection projection) {
        this.rng = Rng.stream(seed, "break-records");
        this.knobs = knobs;
        this.grid = grid;
        this.projection = projection;
    }

    /**
     * Writes the rows of {@code count} breaks of one pipe in one month; {@code beforeInstall} when the break was on
     * the main this pipe later replaced (same asset id, a date before the recorded install year).
     */
    void write(Writer out, YearMonth month, int pipe, int count, String materialCode, Material material,
            int diameterInches, boolean beforeInstall) throws IOException {
        this.beforeInstall = beforeInstall;
        grid.endpoints(pipe, xy);
        for (int b = 0; b < count; b++) {
            int day = 1 + rng.nextInt(month.lengthOfMonth());
            double f = 0.05 + 0.9 * rng.nextDouble();
            double x = xy[0] + f * (xy[2] - xy[0]) + 1.5 * Rng.gaussian(rng);
            double y = xy[1] + f * (xy[3] - xy[1]) + 1.5 * Rng.gaussian(rng);
            String[] types = material.corrosionExposure() == 1.0 ? METAL_TYPES
                    : material.corrosionExposure() == 0.5 ? CEMENT_TYPES : PLASTIC_TYPES;
            String type = types[rng.nextInt(types.length)];
            row(out, month, day, pipe, materialCode, diameterInches, type, x, y);
            if (rng.nextDouble() < knobs.duplicateShare()) {
                duplicates++;
                row(out, month, day, pipe, materialCode, diameterInches, type, x + 0.7 * Rng.gaussian(rng),
                        y + 0.7 * Rng.gaussian(rng));
            }
        }
    }

    private void row(Writer out, YearMonth month, int day, int pipe, String materialCode, int diameterInches,
            String type, double x, double y) throws IOException {
        if (month.getYear() != orderYear) {
            orderYear = month.getYear();
            orderNumber = 0;
        }
        orderNumber++;
        rows++;
        sb.setLength(0);
        String number = Integer.toString(orderNumber);
        sb.append("WO").append(orderYear).append('-').append("000000", Math.min(6, number.length()), 6).append(number)
                .append(',');
        if (rng.nextDouble() < knobs.missingDateShare()) {
            missingDates++;
        } else {
            if (beforeInstall) {
                datedBeforeInstall++;
            }
            sb.append(month.getMonthValue()).append('/').append(day).append('/').append(month.getYear());
        }
        sb.append(',');
        if (rng.nextDouble() < knobs.assetIdShare()) {
            withAssetId++;
            sb.append(CityGenerator.pipeId(pipe));
        }
        sb.append(',').append(materialCode).append(',').append(diameterInches).append(',').append(type).append(',');
        projection.lonLat(x, y, ll, 0);
        double lon = ll[0];
        double lat = ll[1];
        if (rng.nextDouble() < knobs.badCoordinateShare()) {
            badCoordinates++;
            switch (rng.nextInt(4)) {
                case 0 -> {
                    sb.append("0,0,0,0\r\n");
                    out.write(sb.toString());
                    return;
                }
                case 1 -> x += 5000.0; // the two pairs disagree by 5 km
                case 2 -> {
                    double swap = lon; // lon/lat swapped
                    lon = lat;
                    lat = swap;
                }
                default -> {
                    sb.append(",,,\r\n");
                    out.write(sb.toString());
                    return;
                }
            }
        }
        Fmt.fixed(sb, x, 2).append(',');
        Fmt.fixed(sb, y, 2).append(',');
        Fmt.fixed(sb, lon, 7).append(',');
        Fmt.fixed(sb, lat, 7).append("\r\n");
        out.write(sb.toString());
    }

    /** What the records written so far hold: rows, and how many of them carry each realism problem. */
    Counts counts() {
        return new Counts(rows, withAssetId, badCoordinates, missingDates, duplicates, datedBeforeInstall);
    }

    /** The counts of {@link #counts()}, for the city's result and manifest. */
    record Counts(long rows, long withAssetId, long badCoordinates, long missingDates, long duplicates,
            long datedBeforeInstall) {
    }
}
