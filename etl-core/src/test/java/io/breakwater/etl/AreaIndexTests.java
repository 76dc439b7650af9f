package io.breakwater.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

class AreaIndexTests {
    private final GeometryFactory factory = new GeometryFactory();

    @Test
    void locateGivesTheSmallestIdOfThePolygonsCoveringThePoint() throws Exception {
        WKTReader wkt = new WKTReader();
        List<String> ids = new ArrayList<>();
        List<Geometry> polygons = new ArrayList<>();
        // a 6 x 4 partition (ids out of order), overlapped by a large square with a hole and a small diamond
        for (int c = 0; c < 6; c++) {
            for (int r = 0; r < 4; r++) {
                ids.add(String.format("P%02d", 23 - (c * 4 + r)));
                polygons.add(wkt.read(String.format(java.util.Locale.ROOT, "POLYGON((%d %d, %d %d, %d %d, %d %d, %d %d))",
                        c, r, c + 1, r, c + 1, r + 1, c, r + 1, c, r)));
            }
        }
        ids.add("A-holed");
        polygons.add(wkt.read("POLYGON((1.5 0.5, 4.5 0.5, 4.5 3.5, 1.5 3.5, 1.5 0.5), (2.5 1.5, 3.5 1.5, 3.5 2.5, 2.5 2.5, 2.5 1.5))"));
        ids.add("Z-diamond");
        polygons.add(wkt.read("POLYGON((5 2, 6.5 3, 5 4.5, 3.5 3, 5 2))"));
        AreaIndex index = AreaIndex.of(ids, polygons);

        SplittableRandom random = new SplittableRandom(3);
        int located = 0;
        for (int i = 0; i < 50_000; i++) {
            // points inside and around the polygons, some exactly on grid lines
            double x = i % 7 == 0 ? random.nextInt(-1, 8) : -0.5 + random.nextDouble() * 7.5;
            double y = i % 5 == 0 ? random.nextInt(-1, 6) * 0.5 : -0.5 + random.nextDouble() * 5.5;
            String expected = bruteForce(ids, polygons, x, y);
            assertThat(index.locate(x, y)).as("(%s, %s)", x, y).isEqualTo(expected);
            located += expected == null ? 0 : 1;
        }
        assertThat(located).isGreaterThan(25_000);
    }

    private String bruteForce(List<String> ids, List<Geometry> polygons, double x, double y) {
        Geometry p = factory.createPoint(new Coordinate(x, y));
        String best = null;
        for (int i = 0; i < ids.size(); i++) {
            if (polygons.get(i).covers(p) && (best == null || ids.get(i).compareTo(best) < 0)) {
                best = ids.get(i);
            }
        }
        return best;
    }
}
