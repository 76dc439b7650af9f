package io.breakwater.etl.breaks;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.etl.Reprojection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearDuplicatesTests {
    private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    @Test
    void aPointNearAnEarlierOneInTheNextCellIsFoundEvenWhenItsCellHoldsAnotherPointFirst() {
        // cells 5 m wide: A and B share a cell, 6.8 m apart; C lies across the cell's border, 0.6 m from B
        NearDuplicates near = new NearDuplicates(5, 16);
        double lat = 43.65;
        double east = 1 / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat))); // degrees of longitude per metre
        double north = 1 / METRES_PER_DEGREE;
        double column = 5 / (METRES_PER_DEGREE * 0.99 * Math.cos(Math.toRadians(lat))); // the grid's column width
        double x0 = Math.floor(-79.4 / column) * column; // a column border
        double y0 = Math.floor(lat / (5 * north)) * 5 * north;
        assertThat(near.seen(1, -79.4, lat)).as("another day's point, at the latitude that sets the columns").isFalse();
        assertThat(near.seen(9000, x0 + 0.1 * east, y0 + 0.1 * north)).as("A").isFalse();
        assertThat(near.seen(9000, x0 + 4.7 * east, y0 + 4.8 * north)).as("B, 6.6 m from A").isFalse();
        double cx = x0 + column + 0.1 * east;
        assertThat(Reprojection.distanceMetres(cx, y0 + 4.8 * north, x0 + 4.7 * east, y0 + 4.8 * north)).isLessThan(5);
        assertThat(near.seen(9000, cx, y0 + 4.8 * north)).as("C, within 5 m of B only").isTrue();
        assertThat(near.seen(9001, cx, y0 + 4.8 * north)).as("the same place on the next day").isFalse();
    }

    @Test
    void findsExactlyThePointsWithinTheDistanceOfAnEarlierPointOfTheSameDay() {
        // a city, a point at high latitude, and a spread of latitudes where meridians converge across the data
        assertAgreesWithBruteForce(new SplittableRandom(1), 43.6, 0.002, 0.003, 5);
        assertAgreesWithBruteForce(new SplittableRandom(2), 69.5, 0.002, 0.006, 5);
        assertAgreesWithBruteForce(new SplittableRandom(3), 20.0, 40.0, 0.004, 50);
    }

    private static void assertAgreesWithBruteForce(SplittableRandom random, double lat0, double latSpan,
            double lonSpan, double metres) {
        NearDuplicates near = new NearDuplicates(metres, 1024);
        List<double[]> earlier = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < 3_000; i++) {
            double lat;
            double lon;
            if (!earlier.isEmpty() && random.nextInt(3) == 0) { // near an earlier point, within about 2 x metres
                double[] p = earlier.get(random.nextInt(earlier.size()));
                lat = p[1] + (random.nextDouble() - 0.5) * 4 * metres / METRES_PER_DEGREE;
                lon = p[0] + (random.nextDouble() - 0.5) * 4 * metres
                        / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
            } else {
                lat = lat0 + random.nextDouble() * latSpan;
                lon = -79.4 + random.nextDouble() * lonSpan;
            }
            long day = random.nextInt(2);
            boolean expected = false;
            for (double[] p : earlier) {
                if (p[2] == day && Reprojection.distanceMetres(lon, lat, p[0], p[1]) <= metres) {
                    expected = true;
                    break;
                }
            }
            assertThat(near.seen(day, lon, lat)).as("point %d (%f, %f) day %d", i, lon, lat, day).isEqualTo(expected);
            found += expected ? 1 : 0;
            earlier.add(new double[] {lon, lat, day});
        }
        assertThat(found).as("near duplicates in the sample").isGreaterThan(150);
    }
}
