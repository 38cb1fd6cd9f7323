package dev.modelgate.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Serves the OpenAPI document and Swagger UI (from its webjar, no inline script). The document is
 * {@code openapi/base.yaml} plus one fragment per feature, each holding that feature's {@code paths}
 * (and optionally {@code components}), so features document their routes next to each other.
 */
public final class ApiDocs {

  /** Feature fragments under {@code openapi/}, merged in this order. */
  public static final List<String> FRAGMENTS = List.of(
      "registry",
      "access",
      "workflow",
      "audit",
      "timetracking",
      "costbenefit",
      "maturity",
      "discussion",
      "notify",
      "tokens");

  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ApiDocs() {}

  /** The merged document as a tree; a path or component defined twice is a startup error. */
  public static JsonNode openApiTree() {
    ObjectNode root = (ObjectNode) read("openapi/base.yaml");
    ObjectNode paths = root.putObject("paths");
    ObjectNode components = (ObjectNode) root.get("components");
    for (String fragment : FRAGMENTS) {
      JsonNode f = read("openapi/" + fragment + ".yaml");
      mergeInto(paths, f.get("paths"), fragment);
      JsonNode fc = f.get("components");
      if (fc != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = fc.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> section = it.next();
          ObjectNode target = components.has(section.getKey())
              ? (ObjectNode) components.get(section.getKey())
              : components.putObject(section.getKey());
          mergeInto(target, section.getValue(), fragment);
        }
      }
    }
    return root;
  }

  public static Buffer openApiDocument() {
    try {
      return Buffer.buffer(YAML.writeValueAsBytes(openApiTree()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mergeInto(ObjectNode target, JsonNode source, String fragment) {
    if (source == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (target.has(e.getKey())) {
        throw new IllegalStateException("OpenAPI fragment '" + fragment + "' redefines " + e.getKey());
      }
      target.set(e.getKey(), e.getValue());
    }
  }

  private static JsonNode read(String resource) {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void mount(Router router) {
    Buffer document = openApiDocument();
    router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").end(document));
    router.get("/api/docs").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .end(page()));
    router.get("/api/docs/init.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8")
        .end("window.onload = function () {\n"
            + "  window.ui = SwaggerUIBundle({ url: '/api/openapi.yaml', dom_id: '#swagger-ui' });\n"
            + "};\n"));
    router.get("/api/docs/assets/*").handler(StaticHandler.create(SWAGGER_UI).setCachingEnabled(true));
  }

  private static String page() {
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>ModelGate API</title>
          <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
          <script src="/api/docs/init.js"></script>
        </body>
        </html>
        """;
  }
}
