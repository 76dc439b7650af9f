package io.breakwater.bi.internal.pbip;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * Microsoft's published JSON schemas for Power BI projects, vendored under {@code src/test/resources/json-schemas}
 * (from github.com/microsoft/json-schemas, MIT licence beside them), resolved from the classpath only: a schema the
 * project names but that is not vendored fails the test instead of being fetched.
 */
public final class MicrosoftSchemas {
    public static final String PREFIX = "https://developer.microsoft.com/json-schemas/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(PREFIX, "classpath:json-schemas/")));

    private MicrosoftSchemas() {
    }

    /** Whether the schema at {@code url} is vendored. */
    public static boolean vendored(String url) {
        return url.startsWith(PREFIX)
                && MicrosoftSchemas.class.getResource("/json-schemas/" + url.substring(PREFIX.length())) != null;
    }

    /** The messages of every violation of {@code document} against the schema its {@code $schema} names. */
    public static List<String> violations(JsonNode document) {
        String url = document.path("$schema").asText();
        if (!vendored(url)) {
            return List.of("$schema " + url + " is not a vendored Microsoft schema");
        }
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(url));
        List<Error> errors = schema.validate(document);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
