package io.breakwater.bi.internal;

import org.jooq.DSLContext;

/**
 * A section of the report beyond the built-in ones (for instance forecasts): placed after the model card, with a
 * link in the navigation. Add it to {@link ReportWriter#EXTRA_SECTIONS}. Its markup should come from its own
 * template resource ({@link ReportTemplate}); its data reach the page script as {@code D.sections[id]}, and its
 * script runs after the built-in one (use {@code chart(id, config, emptyReason)} to draw and be counted).
 */
public interface ReportSection {
    /** The section's anchor id, e.g. {@code forecast}. */
    String id();

    /** The navigation text. */
    String title();

    Rendered render(DSLContext dsl);

    /**
     * @param html   the section's markup, a whole {@code <section id="...">} element
     * @param data   what the page script reads (JSON-serialisable), or null
     * @param script the section's page script, or empty
     */
    record Rendered(String html, Object data, String script) {
    }
}
