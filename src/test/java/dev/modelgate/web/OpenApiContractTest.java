package dev.modelgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document and the mounted routes describe the same API, in both directions. */
class OpenApiContractTest {

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationExists() throws Exception {
    ApiResponse served = server.anonymous().get("/api/openapi.yaml");
    assertEquals(200, served.status());
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(served.body());
    assertTrue(doc.get("openapi").asText().startsWith("3."));

    Set<String> documented = new TreeSet<>();
    for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      for (Iterator<String> ops = doc.get("paths").get(path).fieldNames(); ops.hasNext(); ) {
        String op = ops.next();
        if (Set.of("get", "post", "put", "patch", "delete").contains(op)) {
          documented.add(op.toUpperCase() + " " + path);
        }
      }
    }
    Set<String> mounted = new TreeSet<>();
    for (ApiRoute r : server.server().api().routes()) {
      mounted.add(r.method().name() + " " + r.openApiPath());
    }
    for (StreamRoute r : server.server().api().streamRoutes()) {
      mounted.add("GET " + r.openApiPath());
    }
    Set<String> undocumented = new TreeSet<>(mounted);
    undocumented.removeAll(documented);
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(mounted);
    assertTrue(undocumented.isEmpty(), () -> "routes missing from the OpenAPI document: " + undocumented);
    assertTrue(missing.isEmpty(), () -> "documented operations without a route: " + missing);
  }

  /** What a route's body declaration accepts (required, optional, none) is what its operation documents. */
  @Test
  void everyOperationDocumentsTheBodyItsRouteTakes() throws Exception {
    JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(ApiDocs.openApiDocument().getBytes()).get("paths");
    Set<String> problems = new TreeSet<>();
    for (ApiRoute r : server.server().api().routes()) {
      JsonNode op = paths.path(r.openApiPath()).path(r.method().name().toLowerCase());
      JsonNode body = op.get("requestBody");
      String documented = body == null ? "NONE" : body.path("required").asBoolean(false) ? "JSON" : "OPTIONAL_JSON";
      if (!op.isMissingNode() && !documented.equals(r.body().name())) {
        problems.add(r.method() + " " + r.openApiPath() + ": route takes " + r.body() + ", documented " + documented);
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void everyDocumentedPathParameterIsDeclared() throws Exception {
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(ApiDocs.openApiDocument().getBytes());
    Set<String> problems = new TreeSet<>();
    for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      String text = doc.get("paths").get(path).toString();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([A-Za-z0-9_]+)}").matcher(path);
      while (m.find()) {
        String name = m.group(1);
        boolean declared = text.contains("\"name\":\"" + name + "\"")
            || text.contains("#/components/parameters/" + name + "\"");
        if (!declared) {
          problems.add(path + " lacks parameter " + name);
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void swaggerUiIsServedWithoutInlineScript() {
    ApiResponse page = server.anonymous().get("/api/docs/");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("/api/docs/assets/swagger-ui-bundle.js"));
    assertTrue(!page.body().matches("(?s).*<script>[^<]+</script>.*"), "no inline script");
    assertEquals(200, server.anonymous().get("/api/docs/assets/swagger-ui-bundle.js").status());
    assertEquals(200, server.anonymous().get("/api/docs/init.js").status());
  }
}
