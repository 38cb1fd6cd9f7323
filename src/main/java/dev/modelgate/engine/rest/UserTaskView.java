package dev.modelgate.engine.rest;

import static dev.modelgate.engine.rest.Keys.formatOrNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Camunda user task ({@code zeebe:userTask}) as the REST API shows it ({@code UserTaskResult}). */
public record UserTaskView(long userTaskKey, String name, String state, String assignee, String elementId,
    long elementInstanceKey, List<String> candidateGroups, List<String> candidateUsers, String processDefinitionId,
    int processDefinitionVersion, long processDefinitionKey, long processInstanceKey, long rootProcessInstanceKey,
    Instant creationDate, Instant completionDate, Instant dueDate, Instant followUpDate, int priority,
    Map<String, String> customHeaders, String formKey, String externalFormReference) {

  public static final List<String> STATES = List.of("CREATING", "CREATED", "ASSIGNING", "UPDATING", "COMPLETING",
      "COMPLETED", "CANCELING", "CANCELED", "FAILED");

  public UserTaskView {
    candidateGroups = List.copyOf(candidateGroups);
    candidateUsers = List.copyOf(candidateUsers);
    customHeaders = Map.copyOf(customHeaders);
  }

  public static final SearchFields<UserTaskView> FIELDS = SearchFields.<UserTaskView>of("user task", List.of("userTaskKey"),
      SearchField.key("userTaskKey", UserTaskView::userTaskKey).filterOnly(),
      SearchField.enumeration("state", UserTaskView::state, STATES).filterOnly(),
      SearchField.string("assignee", UserTaskView::assignee).filterOnly(),
      SearchField.integer("priority", v -> (long) v.priority()),
      SearchField.string("elementId", UserTaskView::elementId).filterOnly(),
      SearchField.string("name", UserTaskView::name),
      SearchField.strings("candidateGroup", UserTaskView::candidateGroups),
      SearchField.strings("candidateUser", UserTaskView::candidateUsers),
      SearchField.string("processDefinitionId", UserTaskView::processDefinitionId).filterOnly(),
      SearchField.key("processDefinitionKey", UserTaskView::processDefinitionKey).filterOnly(),
      SearchField.key("processInstanceKey", UserTaskView::processInstanceKey).filterOnly(),
      SearchField.key("elementInstanceKey", UserTaskView::elementInstanceKey).filterOnly(),
      SearchField.date("creationDate", v -> Dates.millis(v.creationDate())),
      SearchField.date("completionDate", v -> Dates.millis(v.completionDate())),
      SearchField.date("dueDate", v -> Dates.millis(v.dueDate())),
      SearchField.date("followUpDate", v -> Dates.millis(v.followUpDate())),
      SearchField.string("tenantId", (UserTaskView v) -> EngineRestServer.TENANT).filterOnly());

  public JsonObject toJson() {
    JsonObject headers = new JsonObject();
    customHeaders.forEach(headers::put);
    return new JsonObject().put("userTaskKey", Keys.format(userTaskKey)).put("name", name).put("state", state)
        .put("assignee", assignee).put("elementId", elementId)
        .put("elementInstanceKey", Keys.format(elementInstanceKey))
        .put("candidateGroups", new JsonArray(candidateGroups)).put("candidateUsers", new JsonArray(candidateUsers))
        .put("processDefinitionId", processDefinitionId).put("processDefinitionVersion", processDefinitionVersion)
        .put("processDefinitionKey", Keys.format(processDefinitionKey))
        .put("processInstanceKey", Keys.format(processInstanceKey))
        .put("rootProcessInstanceKey", formatOrNull(rootProcessInstanceKey)).put("processName", null)
        .put("creationDate", Dates.format(creationDate)).put("completionDate", Dates.format(completionDate))
        .put("dueDate", Dates.format(dueDate)).put("followUpDate", Dates.format(followUpDate))
        .put("priority", priority).put("customHeaders", headers).put("formKey", formKey)
        .put("externalFormReference", externalFormReference).put("tenantId", EngineRestServer.TENANT)
        .put("tags", new JsonArray());
  }
}
