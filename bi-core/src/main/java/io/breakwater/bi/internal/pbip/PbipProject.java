package io.breakwater.bi.internal.pbip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A Power BI project (PBIP) beside the exported files: {@value #PBIP_FILE}, the semantic model folder (TMDL) and the
 * report folder (PBIR) that refers to it by relative path. Power BI Desktop opens the {@code .pbip} file.
 */
public record PbipProject(TmdlModel model, PbirReport report, String displayName) {
    public static final String NAME = "Breakwater";
    public static final String PBIP_FILE = NAME + ".pbip";
    public static final String MODEL_FOLDER = NAME + ".SemanticModel";
    public static final String REPORT_FOLDER = NAME + ".Report";

    static final String FABRIC = "https://developer.microsoft.com/json-schemas/fabric/";
    static final String PBIP_SCHEMA = FABRIC + "pbip/pbipProperties/1.0.0/schema.json";
    static final String PLATFORM_SCHEMA = FABRIC + "gitIntegration/platformProperties/2.0.0/schema.json";
    static final String PBIR_SCHEMA = FABRIC + "item/report/definitionProperties/2.0.0/schema.json";
    static final String PBISM_SCHEMA = FABRIC + "item/semanticModel/definitionProperties/1.0.0/schema.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A project of {@code model} and {@code report}, shown as {@code displayName} ({@value #NAME} when null). */
    public PbipProject {
        displayName = displayName == null ? NAME : displayName;
    }

    /** Every file of the project, by path relative to the export folder (forward slashes), with its text. */
    public SortedMap<String, String> files() {
        SortedMap<String, String> files = new TreeMap<>();
        ObjectNode pbip = JSON.objectNode().put("$schema", PBIP_SCHEMA).put("version", "1.0");
        pbip.putArray("artifacts").addObject().putObject("report").put("path", REPORT_FOLDER);
        pbip.putObject("settings").put("enableAutoRecovery", true);
        files.put(PBIP_FILE, json(pbip));
        files.put(".gitignore", "**/.pbi/localSettings.json\n**/.pbi/cache.abf\n");

        files.put(MODEL_FOLDER + "/.platform", json(platform("SemanticModel")));
        ObjectNode pbism = JSON.objectNode().put("$schema", PBISM_SCHEMA).put("version", "4.2");
        pbism.putObject("settings");
        files.put(MODEL_FOLDER + "/definition.pbism", json(pbism));
        model.files().forEach((path, text) -> files.put(MODEL_FOLDER + "/definition/" + path, text));

        files.put(REPORT_FOLDER + "/.platform", json(platform("Report")));
        ObjectNode pbir = JSON.objectNode().put("$schema", PBIR_SCHEMA).put("version", "4.0");
        pbir.putObject("datasetReference").putObject("byPath").put("path", "../" + MODEL_FOLDER);
        files.put(REPORT_FOLDER + "/definition.pbir", json(pbir));
        report.files().forEach((path, node) -> files.put(REPORT_FOLDER + "/definition/" + path, json(node)));
        return files;
    }

    /** Writes {@link #files()} under {@code folder}; returns the {@code .pbip} file. */
    public Path writeTo(Path folder) {
        for (Map.Entry<String, String> file : files().entrySet()) {
            Path path = folder.resolve(file.getKey());
            try {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BreakwaterException(ErrorCode.INTERNAL, "cannot write " + path + ": " + e.getMessage(), e);
            }
        }
        return folder.resolve(PBIP_FILE);
    }

    private ObjectNode platform(String type) {
        ObjectNode platform = JSON.objectNode().put("$schema", PLATFORM_SCHEMA);
        platform.putObject("metadata").put("type", type).put("displayName", displayName);
        // a stable logical id per item kind: re-exports stay the same item for Fabric's git integration
        String id = UUID.nameUUIDFromBytes(("breakwater-" + type).getBytes(StandardCharsets.UTF_8)).toString();
        platform.putObject("config").put("version", "2.0").put("logicalId", id);
        return platform;
    }

    private static String json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
