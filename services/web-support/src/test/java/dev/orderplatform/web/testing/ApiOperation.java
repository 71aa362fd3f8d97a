package dev.orderplatform.web.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of an OpenAPI document as the fuzzer drives it: parameters and body with their schemas resolved,
 * who may call it, and the statuses and error codes it documents.
 */
record ApiOperation(
        String method,
        String path,
        List<Parameter> parameters,
        JsonNode body,
        boolean bodyRequired,
        Access access,
        Map<Integer, Set<String>> documented) {

    enum Access {
        PUBLIC,
        USER,
        ADMIN
    }

    record Parameter(String name, String in, JsonNode schema, boolean required) {}

    boolean mutating() {
        return !method.equals("GET");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Every operation of the document, in its order. */
    static List<ApiOperation> all(JsonNode document) {
        Schemas schemas = new Schemas(document);
        List<ApiOperation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                JsonNode operation = entry.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(
                            parameter.path("name").asString(),
                            parameter.path("in").asString(),
                            schemas.resolve(parameter.path("schema")),
                            parameter.path("required").asBoolean(false)));
                }
                JsonNode body = null;
                JsonNode content = operation.path("requestBody").path("content").path("application/json");
                if (!content.isMissingNode()) {
                    body = schemas.resolve(content.path("schema"));
                }
                Access access = Access.PUBLIC;
                for (JsonNode requirement : operation.path("security")) {
                    for (Map.Entry<String, JsonNode> scheme : requirement.properties()) {
                        access = scheme.getValue().toString().contains("ADMIN") ? Access.ADMIN : Access.USER;
                    }
                }
                Map<Integer, Set<String>> documented = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> response :
                        operation.path("responses").properties()) {
                    Set<String> codes = new LinkedHashSet<>();
                    for (JsonNode media : response.getValue().path("content")) {
                        for (JsonNode part : media.path("schema").path("allOf")) {
                            part.path("properties")
                                    .path("code")
                                    .path("enum")
                                    .forEach(code -> codes.add(code.asString()));
                        }
                    }
                    documented.put(Integer.parseInt(response.getKey()), codes);
                }
                operations.add(new ApiOperation(
                        method,
                        path.getKey(),
                        List.copyOf(parameters),
                        body,
                        operation.path("requestBody").path("required").asBoolean(false),
                        access,
                        documented));
            }
        }
        return operations;
    }

    /** Resolves {@code $ref} and flattens {@code allOf}, so the generator sees plain schemas. */
    static final class Schemas {

        private final JsonNode components;

        Schemas(JsonNode document) {
            this.components = document.path("components").path("schemas");
        }

        JsonNode resolve(JsonNode schema) {
            return resolve(schema, 0);
        }

        private JsonNode resolve(JsonNode schema, int depth) {
            if (schema == null || schema.isMissingNode() || depth > 10) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (schema.has("$ref")) {
                String ref = schema.path("$ref").asString();
                return resolve(components.path(ref.substring(ref.lastIndexOf('/') + 1)), depth + 1);
            }
            ObjectNode resolved = ((ObjectNode) schema).deepCopy();
            if (schema.has("allOf")) {
                resolved.remove("allOf");
                for (JsonNode part : schema.path("allOf")) {
                    JsonNode flat = resolve(part, depth + 1);
                    for (Map.Entry<String, JsonNode> member : flat.properties()) {
                        if (!resolved.has(member.getKey())) {
                            resolved.set(member.getKey(), member.getValue());
                        }
                    }
                }
            }
            if (resolved.has("properties")) {
                ObjectNode properties = JsonNodeFactory.instance.objectNode();
                for (Map.Entry<String, JsonNode> property :
                        resolved.path("properties").properties()) {
                    properties.set(property.getKey(), resolve(property.getValue(), depth + 1));
                }
                resolved.set("properties", properties);
            }
            if (resolved.has("items")) {
                resolved.set("items", resolve(resolved.path("items"), depth + 1));
            }
            if (resolved.path("additionalProperties").isObject()) {
                resolved.set("additionalProperties", resolve(resolved.path("additionalProperties"), depth + 1));
            }
            return resolved;
        }
    }

    /** The schema's type: {@code type} is a string in OpenAPI 3.0 and may be a list (with "null") in 3.1. */
    static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!one.asString().equals("null")) {
                    return one.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        if (schema.has("properties") || schema.has("additionalProperties")) {
            return "object";
        }
        return "string";
    }
}
