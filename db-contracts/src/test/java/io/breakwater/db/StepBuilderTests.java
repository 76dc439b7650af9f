package io.breakwater.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepBuilderTests {
    /** A step's builder as the modules write one: its own setting beside the shared clock and progress. */
    static final class StampBuilder extends StepBuilder<StampBuilder> {
        private String label = "step";

        StampBuilder label(String label) {
            this.label = label;
            return this;
        }

        String stamp() {
            progress().started(label, 1, "stamps");
            String stamp = label + " at " + clock().instant();
            progress().finished(label, stamp);
            return stamp;
        }
    }

    @Test
    void clockAndProgressChainWithTheStepsOwnSettingsInAnyOrder() {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-04T20:00:00Z"), ZoneOffset.UTC);
        List<String> heard = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void finished(String step, String summary) {
                heard.add(step + ": " + summary);
            }
        };
        String stamp = new StampBuilder().clock(fixed).label("publish").progress(listener).stamp();
        assertThat(stamp).isEqualTo("publish at 2026-12-04T20:00:00Z");
        assertThat(heard).containsExactly("publish: publish at 2026-12-04T20:00:00Z");
    }

    @Test
    void defaultsAreTheSystemClockInUtcAndNoListener() {
        StampBuilder b = new StampBuilder();
        assertThat(b.clock().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(b.progress()).isSameAs(ProgressListener.NONE);
    }

    @Test
    void aMissingClockOrListenerIsRefusedByName() {
        assertThatThrownBy(() -> new StampBuilder().clock(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
        assertThatThrownBy(() -> new StampBuilder().progress(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("progress");
    }

    @Test
    void anOptionalTextSettingIsStrippedAndBlankMeansNone() {
        assertThat(Words.optional("  Toronto ")).isEqualTo("Toronto");
        assertThat(Words.optional(" \t")).isNull();
        assertThat(Words.optional(null)).isNull();
    }
}
