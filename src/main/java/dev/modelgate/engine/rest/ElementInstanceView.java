package dev.modelgate.engine.rest;

import static dev.modelgate.engine.rest.Keys.formatOrNull;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * An element instance as the REST API shows it ({@code ElementInstanceResult}); {@code type} is Camunda's
 * element type name (SERVICE_TASK, MULTI_INSTANCE_BODY, ...), {@code scopeKey} the flow scope instance.
 */
public record ElementInstanceView(long elementInstanceKey, long processInstanceKey, long rootProcessInstanceKey,
    long processDefinitionKey, String processDefinitionId, String elementId, String type, String state,
    boolean hasIncident, long incidentKey, long scopeKey, Instant startDate, Instant endDate) {

  public static final List<String> STATES = List.of("ACTIVE", "COMPLETED", "TERMINATED");
  public static final List<String> TYPES = List.of("UNSPECIFIED", "PROCESS", "SUB_PROCESS", "EVENT_SUB_PROCESS",
      "AD_HOC_SUB_PROCESS", "AD_HOC_SUB_PROCESS_INNER_INSTANCE", "START_EVENT", "INTERMEDIATE_CATCH_EVENT",
      "INTERMEDIATE_THROW_EVENT", "BOUNDARY_EVENT", "END_EVENT", "SERVICE_TASK", "RECEIVE_TASK", "USER_TASK",
      "MANUAL_TASK", "TASK", "EXCLUSIVE_GATEWAY", "INCLUSIVE_GATEWAY", "PARALLEL_GATEWAY", "EVENT_BASED_GATEWAY",
      "SEQUENCE_FLOW", "MULTI_INSTANCE_BODY", "CALL_ACTIVITY", "BUSINESS_RULE_TASK", "SCRIPT_TASK", "SEND_TASK",
      "UNKNOWN");

  public static final SearchFields<ElementInstanceView> FIELDS = SearchFields.<ElementInstanceView>of("element instance",
      List.of("elementInstanceKey"),
      SearchField.key("elementInstanceKey", ElementInstanceView::elementInstanceKey),
      SearchField.key("processInstanceKey", ElementInstanceView::processInstanceKey),
      SearchField.key("processDefinitionKey", ElementInstanceView::processDefinitionKey),
      SearchField.string("processDefinitionId", ElementInstanceView::processDefinitionId),
      SearchField.string("elementId", ElementInstanceView::elementId),
      SearchField.string("elementName", v -> null),
      SearchField.enumeration("type", ElementInstanceView::type, TYPES),
      SearchField.enumeration("state", ElementInstanceView::state, STATES),
      SearchField.bool("hasIncident", ElementInstanceView::hasIncident).filterOnly(),
      SearchField.key("incidentKey", v -> ProcessInstanceView.positive(v.incidentKey())),
      SearchField.key("elementInstanceScopeKey", (ElementInstanceView v) -> ProcessInstanceView.positive(v.scopeKey())).filterOnly(),
      SearchField.date("startDate", v -> Dates.millis(v.startDate())),
      SearchField.date("endDate", v -> Dates.millis(v.endDate())),
      SearchField.string("tenantId", v -> EngineRestServer.TENANT));

  public JsonObject toJson() {
    return new JsonObject().put("elementInstanceKey", Keys.format(elementInstanceKey))
        .put("processInstanceKey", Keys.format(processInstanceKey))
        .put("rootProcessInstanceKey", formatOrNull(rootProcessInstanceKey))
        .put("processDefinitionKey", Keys.format(processDefinitionKey))
        .put("processDefinitionId", processDefinitionId).put("elementId", elementId).put("elementName", null)
        .put("type", type).put("state", state).put("hasIncident", hasIncident)
        .put("incidentKey", formatOrNull(incidentKey)).put("tenantId", EngineRestServer.TENANT)
        .put("startDate", Dates.format(startDate)).put("endDate", Dates.format(endDate));
  }
}
