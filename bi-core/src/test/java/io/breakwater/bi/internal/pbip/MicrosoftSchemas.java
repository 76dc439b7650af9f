package io.breakwater.bi.internal.pbip;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Microsoft's published JSON schemas for Power BI projects (github.com/microsoft/json-schemas, MIT licence), read from a
 * local copy: the folder named by the system property {@value #PROPERTY} or the environment variable
 * {@code BREAKWATER_POWERBI_SCHEMAS}, else {@code ../shared/json-schemas} beside the checkout. The schemas are not
 * committed here (this workplace commits nothing fetched from other repositories, and no package registry it reaches
 * publishes them). Resolved from that folder only: a schema the project names but the copy lacks fails the test
 * instead of being fetched.
 */
public final class MicrosoftSchemas {
    public static final String PREFIX = "https://developer.microsoft.com/json-schemas/";
    public static final String PROPERTY = "breakwater.powerbiSchemas";
    private static final Path FOLDER = folder();

    private static final SchemaRegistry REGISTRY = FOLDER == null ? null
            : SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> builder.resourceLoaders(
                    loaders -> loaders.values(list -> list.add(0, iri -> {
                        String url = iri.toString();
                        Path file = url.startsWith(PREFIX) ? FOLDER.resolve(url.substring(PREFIX.length())) : null;
                        return file != null && Files.isRegularFile(file) ? () -> Files.newInputStream(file) : null;
                    }))));

    private MicrosoftSchemas() {
    }

    private static Path folder() {
        String named = System.getProperty(PROPERTY, System.getenv("BREAKWATER_POWERBI_SCHEMAS"));
        Path root;
        if (named != null && !named.isBlank()) {
            root = Path.of(named).toAbsolutePath();
        } else {
            // the workplace's shared data folder beside the checkout, where a copy may be placed for every build
            root = Path.of("..", "..", "shared", "json-schemas").toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                return null;
            }
        }
        // the repository's root holds json-schemas/ beside other folders; a copy of that folder itself works too
        return Files.isDirectory(root.resolve("json-schemas")) ? root.resolve("json-schemas") : root;
    }

    /** Whether a copy of the schemas was given (tests that need it are skipped, saying so, when not). */
    public static boolean available() {
        return FOLDER != null && Files.isDirectory(FOLDER.resolve("fabric"));
    }

    /** Whether the schema at {@code url} is in the copy. */
    public static boolean vendored(String url) {
        return available() && url.startsWith(PREFIX) && Files.isRegularFile(FOLDER.resolve(url.substring(PREFIX.length())));
    }

    /** The messages of every violation of {@code document} against the schema its {@code $schema} names. */
    public static List<String> violations(JsonNode document) {
        String url = document.path("$schema").asText();
        if (!vendored(url)) {
            return List.of("$schema " + url + " is not in the copy of Microsoft's schemas at " + FOLDER);
        }
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(url));
        List<Error> errors = schema.validate(document);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
