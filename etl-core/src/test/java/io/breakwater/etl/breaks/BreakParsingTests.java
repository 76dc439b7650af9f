package io.breakwater.etl.breaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BreakParsingTests {

    @Test
    void theFastDecimalPathGivesExactlyTheDoubleOfDoubleParseDouble() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 9));
            String text = String.format(Locale.ROOT, "%." + random.nextInt(0, 12) + "f", v);
            assertThat(Double.doubleToRawLongBits(Decimals.parseDouble(text)))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
        for (String text : new String[] {"0", "-0", "-0.0", "5.", ".5", "-.5", "000123.4500", "123456789012345",
            "1234567890123456789", "0.1234567890123456789", "4826000.123", "-79.3871234", "1e3", "+4"}) {
            assertThat(Double.doubleToRawLongBits(Decimals.parseDouble(text)))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    @Test
    void textThatIsNotANumberIsNaN() {
        for (String text : new String[] {"", "-", ".", "1.2.3", "12a", "--1", "NaNa", "1,5", "0x10"}) {
            assertThat(Decimals.parseDouble(text)).as(text).isNaN();
        }
    }

    @ParameterizedTest
    @CsvSource({"3.15e+005, 315000", "315000.000, 315000", "4840872.395, 4840872.395", "9e999999999, 9e999999999",
        "1e-999999999, 1e-999999999", "W12, W12"})
    void keyPartsAreNumbersInCanonicalFormAndAHugeExponentStaysText(String part, String canonical) {
        assertThat(NaturalKey.normaliseKeyPart(part)).isEqualTo(canonical);
    }

    /** Coordinates are read in decimal notation only: Java's other spellings are not data. */
    @Test
    void javaNumberSyntaxIsNoCoordinate() {
        for (String bad : new String[] {"-79.4f", "-79.4d", "0x1.3ddp6", "1f", "0x10p0", "NaN", "Infinity", "1e999", ""}) {
            assertThat(Decimals.parseDouble(bad)).as(bad).isNaN();
        }
        assertThat(Decimals.parseDouble("3.15377765000e+005")).isEqualTo(315377.765);
        assertThat(Decimals.parseDouble("-79.4")).isEqualTo(-79.4);
        assertThat(Decimals.parseDouble(" 12 ")).isEqualTo(12.0);
    }
}
