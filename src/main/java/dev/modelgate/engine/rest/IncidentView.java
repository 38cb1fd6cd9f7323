package dev.modelgate.engine.rest;

import static dev.modelgate.engine.rest.Keys.formatOrNull;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** An incident as the REST API shows it ({@code IncidentResult}). */
public record IncidentView(long incidentKey, String processDefinitionId, long processDefinitionKey,
    long processInstanceKey, long rootProcessInstanceKey, String errorType, String errorMessage, String elementId,
    long elementInstanceKey, long jobKey, String state, Instant creationTime) {

  public static final List<String> STATES = List.of("ACTIVE", "MIGRATED", "PENDING", "RESOLVED", "UNKNOWN");
  public static final List<String> ERROR_TYPES = List.of("AD_HOC_SUB_PROCESS_NO_RETRIES", "CALLED_DECISION_ERROR",
      "CALLED_ELEMENT_ERROR", "CONDITION_ERROR", "DECISION_EVALUATION_ERROR", "EXECUTION_LISTENER_NO_RETRIES",
      "EXTRACT_VALUE_ERROR", "FORM_NOT_FOUND", "IO_MAPPING_ERROR", "JOB_NO_RETRIES", "MESSAGE_SIZE_EXCEEDED",
      "RESOURCE_NOT_FOUND", "TASK_LISTENER_NO_RETRIES", "UNHANDLED_ERROR_EVENT", "UNKNOWN", "UNSPECIFIED");

  public static final SearchFields<IncidentView> FIELDS = SearchFields.<IncidentView>of("incident", List.of("incidentKey"),
      SearchField.key("incidentKey", IncidentView::incidentKey),
      SearchField.string("processDefinitionId", IncidentView::processDefinitionId),
      SearchField.key("processDefinitionKey", IncidentView::processDefinitionKey),
      SearchField.key("processInstanceKey", IncidentView::processInstanceKey),
      SearchField.enumeration("errorType", IncidentView::errorType, ERROR_TYPES),
      SearchField.string("errorMessage", IncidentView::errorMessage).filterOnly(),
      SearchField.string("elementId", IncidentView::elementId),
      SearchField.key("elementInstanceKey", IncidentView::elementInstanceKey),
      SearchField.key("jobKey", v -> ProcessInstanceView.positive(v.jobKey())),
      SearchField.enumeration("state", IncidentView::state, STATES),
      SearchField.date("creationTime", v -> Dates.millis(v.creationTime())),
      SearchField.string("tenantId", v -> EngineRestServer.TENANT));

  public JsonObject toJson() {
    return new JsonObject().put("incidentKey", Keys.format(incidentKey))
        .put("processDefinitionId", processDefinitionId).put("processDefinitionKey", Keys.format(processDefinitionKey))
        .put("processInstanceKey", Keys.format(processInstanceKey))
        .put("rootProcessInstanceKey", formatOrNull(rootProcessInstanceKey)).put("errorType", errorType)
        .put("errorMessage", errorMessage).put("elementId", elementId)
        .put("elementInstanceKey", Keys.format(elementInstanceKey)).put("jobKey", formatOrNull(jobKey))
        .put("state", state).put("creationTime", Dates.format(creationTime)).put("tenantId", EngineRestServer.TENANT);
  }
}
