package dev.modelgate.engine.rest;

import static dev.modelgate.engine.rest.Keys.formatOrNull;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as the REST API's job search shows it ({@code JobSearchResult}): {@code state} its last transition,
 * {@code deadline} null unless the job is activated. The engine has BPMN element jobs only.
 */
public record JobView(long jobKey, String type, String worker, String state, int retries, Instant deadline,
    String errorMessage, Map<String, String> customHeaders, String elementId, long elementInstanceKey,
    String processDefinitionId, long processDefinitionKey, long processInstanceKey, long rootProcessInstanceKey) {

  public static final List<String> STATES = List.of("CANCELED", "COMPLETED", "CREATED", "ERROR_THROWN", "FAILED",
      "MIGRATED", "RETRIES_UPDATED", "TIMED_OUT");
  public static final List<String> KINDS = List.of("BPMN_ELEMENT", "EXECUTION_LISTENER", "TASK_LISTENER",
      "AD_HOC_SUB_PROCESS");

  public static final SearchFields<JobView> FIELDS = SearchFields.<JobView>of("job", List.of("jobKey"),
      SearchField.key("jobKey", JobView::jobKey),
      SearchField.string("type", JobView::type),
      SearchField.string("worker", JobView::worker),
      SearchField.enumeration("state", JobView::state, STATES),
      SearchField.enumeration("kind", v -> "BPMN_ELEMENT", KINDS),
      SearchField.integer("retries", v -> (long) v.retries()),
      SearchField.date("deadline", v -> Dates.millis(v.deadline())),
      SearchField.string("errorMessage", JobView::errorMessage),
      SearchField.string("elementId", JobView::elementId),
      SearchField.key("elementInstanceKey", JobView::elementInstanceKey),
      SearchField.string("processDefinitionId", JobView::processDefinitionId),
      SearchField.key("processDefinitionKey", JobView::processDefinitionKey),
      SearchField.key("processInstanceKey", JobView::processInstanceKey),
      SearchField.bool("hasFailedWithRetriesLeft", JobView::hasFailedWithRetriesLeft),
      SearchField.string("tenantId", v -> EngineRestServer.TENANT));

  /** A failed job that will be retried (Camunda's {@code hasFailedWithRetriesLeft}). */
  public boolean hasFailedWithRetriesLeft() {
    return "FAILED".equals(state) && retries > 0;
  }

  public JsonObject toJson() {
    JsonObject headers = new JsonObject();
    customHeaders.forEach(headers::put);
    return new JsonObject().put("jobKey", Keys.format(jobKey)).put("type", type).put("worker", worker)
        .put("state", state).put("kind", "BPMN_ELEMENT").put("listenerEventType", "UNSPECIFIED")
        .put("retries", retries).put("isDenied", null).put("deniedReason", null)
        .put("hasFailedWithRetriesLeft", hasFailedWithRetriesLeft()).put("errorCode", null)
        .put("errorMessage", errorMessage).put("customHeaders", headers).put("deadline", Dates.format(deadline))
        .put("endTime", null).put("elementId", elementId).put("elementInstanceKey", Keys.format(elementInstanceKey))
        .put("processDefinitionId", processDefinitionId).put("processDefinitionKey", Keys.format(processDefinitionKey))
        .put("processInstanceKey", Keys.format(processInstanceKey))
        .put("rootProcessInstanceKey", formatOrNull(rootProcessInstanceKey)).put("tenantId", EngineRestServer.TENANT);
  }
}
