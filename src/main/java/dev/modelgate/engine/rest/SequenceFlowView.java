package dev.modelgate.engine.rest;

import static dev.modelgate.engine.rest.Keys.formatOrNull;

import io.vertx.core.json.JsonObject;

/** A sequence flow a process instance has taken ({@code ProcessInstanceSequenceFlowResult}). */
public record SequenceFlowView(String flowId, long processInstanceKey, long rootProcessInstanceKey,
    long processDefinitionKey, String processDefinitionId) {

  public JsonObject toJson() {
    return new JsonObject().put("sequenceFlowId", processInstanceKey + "_" + flowId)
        .put("processInstanceKey", Keys.format(processInstanceKey))
        .put("rootProcessInstanceKey", formatOrNull(rootProcessInstanceKey))
        .put("processDefinitionKey", Keys.format(processDefinitionKey))
        .put("processDefinitionId", processDefinitionId).put("elementId", flowId)
        .put("tenantId", EngineRestServer.TENANT);
  }
}
