package io.breakwater.bi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgMapTests {
    @Test
    void drawsPolygonsWithHolesAndMultiPolygonsSkipsBadGeometryAndGreysMissingValues() {
        List<SvgMap.Shape> shapes = List.of(
                new SvgMap.Shape("ring", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))", 1.0),
                new SvgMap.Shape("two parts", "MULTIPOLYGON (((20 0, 30 0, 30 10, 20 0)), ((20 20, 30 20, 30 30, 20 20)))", 5.0),
                new SvgMap.Shape("no value", "POLYGON ((40 0, 50 0, 50 10, 40 0))", null),
                new SvgMap.Shape("broken", "POLYGON ((1 2, 3", 2.0),
                new SvgMap.Shape("<script>", "POLYGON ((60 0, 70 0, 70 10, 60 0))", 9.0));
        SvgMap.Drawn drawn = SvgMap.render("m", "Test", "breaks per km", shapes, 1);

        assertThat(drawn.shapes()).isEqualTo(4);
        assertThat(drawn.skipped()).isEqualTo(1);
        String svg = drawn.svg();
        assertThat(Pattern.compile("<path ").matcher(svg).results().count()).isEqualTo(4);
        // the hole is a second sub-path of the same shape; the multipolygon has two closed parts
        assertThat(svg).containsPattern("<path d=\"M[^\"]*ZM[^\"]*Z\" fill=\"#[0-9a-f]{6}\" fill-rule=\"evenodd\"");
        assertThat(svg).contains("fill=\"#d9d9d9\"").contains("<title>no value: no value breaks per km</title>");
        // highest value gets the darkest class; labels are escaped
        assertThat(svg).contains("fill=\"#bd0026\" fill-rule=\"evenodd\" stroke=\"#555\" stroke-width=\"0.5\"><title>&lt;script&gt;: 9.0");
        assertThat(svg).doesNotContain("<script>");
        assertThat(svg).startsWith("<svg id=\"m\" class=\"map\"");
    }

    @Test
    void nothingDrawableGivesNoSvg() {
        SvgMap.Drawn drawn = SvgMap.render("m", "Test", "x", List.of(new SvgMap.Shape("a", "nonsense", 1.0)), 1);
        assertThat(drawn.svg()).isEmpty();
        assertThat(drawn.shapes()).isZero();
        assertThat(drawn.skipped()).isEqualTo(1);
    }
}
