package dev.modelgate.engine.rest;

import static dev.modelgate.engine.rest.Keys.formatOrNull;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A variable as the REST API shows it ({@code VariableSearchResult}): its value as JSON text, in the scope
 * (element instance or process instance) that holds it. {@code variableKey} is -1 when the source does not
 * key variables (the history keys each by its first record's log position).
 */
public record VariableView(long variableKey, String name, String value, long scopeKey, long processInstanceKey,
    long rootProcessInstanceKey) {

  public static final SearchFields<VariableView> FIELDS = SearchFields.<VariableView>of("variable", List.of("scopeKey", "name"),
      SearchField.key("variableKey", v -> ProcessInstanceView.positive(v.variableKey())),
      SearchField.string("name", VariableView::name),
      SearchField.string("value", VariableView::value),
      SearchField.key("scopeKey", VariableView::scopeKey),
      SearchField.key("processInstanceKey", VariableView::processInstanceKey),
      SearchField.bool("isTruncated", (VariableView v) -> false).filterOnly(),
      SearchField.string("tenantId", v -> EngineRestServer.TENANT));

  public JsonObject toJson() {
    return new JsonObject().put("variableKey", formatOrNull(variableKey)).put("name", name).put("value", value)
        .put("isTruncated", false).put("scopeKey", Keys.format(scopeKey))
        .put("processInstanceKey", Keys.format(processInstanceKey))
        .put("rootProcessInstanceKey", formatOrNull(rootProcessInstanceKey)).put("tenantId", EngineRestServer.TENANT);
  }
}
