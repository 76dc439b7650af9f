package io.breakwater.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a {@link PipelineConfig} from YAML (or JSON), strictly: unknown keys, duplicate keys, trailing content and
 * fractions where whole numbers belong are refused, each problem named by the file, the line and the key.
 */
final class ConfigYaml {
    private ConfigYaml() {
    }

    /** The config as written in {@code file}, not yet resolved nor validated. */
    static PipelineConfig read(Path file) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory()
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        PipelineConfig raw;
        try {
            raw = mapper.readValue(file.toFile(), PipelineConfig.class);
        } catch (JsonMappingException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, file + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.startsWith("Duplicate field")) {
                throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, file + ": " + where(e.getLocation())
                        + "the key " + m.substring("Duplicate field".length()).strip() + " is given twice; keep one", e);
            }
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, file + ": " + where(e.getLocation())
                    + "not valid YAML: check the indentation, colons and brackets there", e);
        } catch (IOException e) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION,
                    "cannot read pipeline config " + file + ": " + io.breakwater.etl.internal.IoErrors.reason(e), e);
        }
        if (raw == null) {
            throw new BreakwaterException(ErrorCode.INVALID_CONFIGURATION, file + ": the pipeline config is empty");
        }
        return raw;
    }

    /** A binding problem in Breakwater's words: the key, then what was expected there. */
    static String describe(JsonMappingException e) {
        String key = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String prefix = key.isEmpty() ? "" : key + ": ";
        if (e instanceof PropertyBindingException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            return prefix + "unknown key" + (known == null || known.isEmpty() ? ""
                    : "; expected one of " + known.stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")));
        }
        if (e instanceof InvalidFormatException bad) {
            return prefix + "'" + bad.getValue() + "' is not " + expected(bad.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return prefix + where(e.getLocation()) + "expected " + expected(mismatch.getTargetType());
        }
        return prefix + where(e.getLocation()) + "cannot be read here";
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a single value (text or number)";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a section of keys (" + type.getSimpleName().toLowerCase(Locale.ROOT) + ")";
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

}
