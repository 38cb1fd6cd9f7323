package dev.modelgate.engine.rest;

import static dev.modelgate.engine.rest.Keys.formatOrNull;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A process instance as the REST API shows it ({@code ProcessInstanceResult}). Keys of absent relations are
 * -1; dates the source does not know are null.
 */
public record ProcessInstanceView(long processInstanceKey, String processDefinitionId, int processDefinitionVersion,
    long processDefinitionKey, String state, boolean hasIncident, long parentProcessInstanceKey,
    long parentElementInstanceKey, long rootProcessInstanceKey, Instant startDate, Instant endDate) {

  public static final List<String> STATES = List.of("ACTIVE", "COMPLETED", "TERMINATED");

  public static final SearchFields<ProcessInstanceView> FIELDS = SearchFields.<ProcessInstanceView>of("process instance",
      List.of("processInstanceKey"),
      SearchField.key("processInstanceKey", ProcessInstanceView::processInstanceKey),
      SearchField.string("processDefinitionId", ProcessInstanceView::processDefinitionId),
      SearchField.integer("processDefinitionVersion", v -> (long) v.processDefinitionVersion()),
      SearchField.key("processDefinitionKey", ProcessInstanceView::processDefinitionKey),
      SearchField.enumeration("state", ProcessInstanceView::state, STATES),
      SearchField.bool("hasIncident", ProcessInstanceView::hasIncident),
      SearchField.key("parentProcessInstanceKey", v -> positive(v.parentProcessInstanceKey())),
      SearchField.key("parentElementInstanceKey", v -> positive(v.parentElementInstanceKey())),
      SearchField.date("startDate", v -> Dates.millis(v.startDate())),
      SearchField.date("endDate", v -> Dates.millis(v.endDate())),
      SearchField.string("tenantId", v -> EngineRestServer.TENANT));

  static Object positive(long key) {
    return key > 0 ? key : null;
  }

  public JsonObject toJson() {
    return new JsonObject().put("processInstanceKey", Keys.format(processInstanceKey))
        .put("processDefinitionId", processDefinitionId).put("processDefinitionName", null)
        .put("processDefinitionVersion", processDefinitionVersion).put("processDefinitionVersionTag", null)
        .put("processDefinitionKey", Keys.format(processDefinitionKey)).put("state", state)
        .put("hasIncident", hasIncident).put("tenantId", EngineRestServer.TENANT)
        .put("parentProcessInstanceKey", formatOrNull(parentProcessInstanceKey))
        .put("parentElementInstanceKey", formatOrNull(parentElementInstanceKey))
        .put("rootProcessInstanceKey", formatOrNull(rootProcessInstanceKey))
        .put("startDate", Dates.format(startDate)).put("endDate", Dates.format(endDate));
  }
}
