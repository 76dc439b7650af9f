package io.breakwater.turso.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.db.BreakwaterException;
import io.breakwater.db.ErrorCode;
import io.breakwater.turso.HranaResult;
import io.breakwater.turso.HranaStatement;
import io.breakwater.turso.HranaValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The JSON shapes of Hrana over HTTP (v2): statements, typed values and statement results. */
public final class HranaJson {
    private HranaJson() {
    }

    public static ObjectNode statement(ObjectMapper json, HranaStatement statement) {
        ObjectNode node = json.createObjectNode();
        node.put("sql", statement.sql());
        if (!statement.args().isEmpty()) {
            ArrayNode args = node.putArray("args");
            for (HranaValue value : statement.args()) {
                args.add(value(json, value));
            }
        }
        node.put("want_rows", true);
        return node;
    }

    static ObjectNode value(ObjectMapper json, HranaValue value) {
        ObjectNode node = json.createObjectNode();
        if (value instanceof HranaValue.Null) {
            node.put("type", "null");
        } else if (value instanceof HranaValue.Integer i) {
            node.put("type", "integer");
            node.put("value", Long.toString(i.value()));
        } else if (value instanceof HranaValue.Float f) {
            if (Double.isInfinite(f.value())) {
                throw new BreakwaterException(ErrorCode.INVALID_INPUT,
                        "an infinite double cannot be sent to Turso (JSON has no infinity)");
            }
            node.put("type", "float");
            node.put("value", f.value());
        } else if (value instanceof HranaValue.Text t) {
            node.put("type", "text");
            node.put("value", t.value());
        } else if (value instanceof HranaValue.Blob b) {
            node.put("type", "blob");
            node.put("base64", Base64.getEncoder().withoutPadding().encodeToString(b.value()));
        }
        return node;
    }

    static HranaValue value(JsonNode node) {
        String type = node.path("type").asText();
        return switch (type) {
            case "null" -> HranaValue.NULL;
            case "integer" -> new HranaValue.Integer(Long.parseLong(node.path("value").asText()));
            case "float" -> new HranaValue.Float(node.path("value").asDouble());
            case "text" -> new HranaValue.Text(node.path("value").asText());
            case "blob" -> new HranaValue.Blob(Base64.getDecoder().decode(node.path("base64").asText()));
            default -> throw new BreakwaterException(ErrorCode.REMOTE_FAILURE,
                    "unknown Hrana value type '" + type + "' in a server answer");
        };
    }

    public static HranaResult result(JsonNode result) {
        List<String> columns = new ArrayList<>();
        for (JsonNode col : result.path("cols")) {
            columns.add(col.path("name").asText());
        }
        List<List<HranaValue>> rows = new ArrayList<>();
        for (JsonNode row : result.path("rows")) {
            List<HranaValue> values = new ArrayList<>(row.size());
            for (JsonNode cell : row) {
                values.add(value(cell));
            }
            rows.add(values);
        }
        return new HranaResult(columns, rows, result.path("affected_row_count").asLong(0));
    }

    public static byte[] bytes(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new BreakwaterException(ErrorCode.INTERNAL, "cannot write a Hrana request: " + e.getMessage(), e);
        }
    }
}
