package dev.modelgate.workflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.web.ApiDocs;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.workflow.api.WorkflowRoutes;
import dev.modelgate.workflow.settings.api.SettingsRoutes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every route of the workflow feature is in the OpenAPI document. */
class WorkflowApiDocsTest {

  @Test
  void everyRouteIsDocumented() {
    JsonNode paths = ApiDocs.openApiTree().get("paths");
    List<ApiRoute> routes = new ArrayList<>(new WorkflowRoutes(null, null, null, null, null, null,
        new WorkflowActions(null, null, null)).table());
    routes.addAll(new SettingsRoutes(null, null).table());
    List<String> missing = new ArrayList<>();
    for (ApiRoute r : routes) {
      JsonNode path = paths.get(r.openApiPath());
      if (path == null || path.get(r.method().name().toLowerCase()) == null) {
        missing.add(r.method() + " " + r.openApiPath());
      }
    }
    assertTrue(missing.isEmpty(), "undocumented: " + missing);
  }
}
