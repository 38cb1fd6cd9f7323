package dev.modelgate.workflow.workers;

import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.engine.BpmnError;
import dev.modelgate.workflow.engine.JobInput;
import dev.modelgate.workflow.outbound.OutboundCall;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shared part of the steps that call the team's systems: payload, call, and failure as a BPMN error. */
final class OutboundStep {

  /** The error code the promotion model routes to rollback. */
  static final String DEPLOYMENT_FAILED = "deployment-failed";

  private final OutboundCall outbound;

  OutboundStep(OutboundCall outbound) {
    this.outbound = outbound;
  }

  static Map<String, Object> payload(JobInput job, Workflow w) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("workflowId", w.id());
    p.put("workflowType", w.type().id());
    p.put("projectId", w.projectId());
    p.put("model", w.model());
    p.put("version", w.version());
    p.put("modelVersionId", job.string("modelVersionId").orElse(w.modelVersionId()));
    p.put("callback", "/api/v1/workflows/" + w.id() + "/messages/");
    return p;
  }

  /** Calls the webhook; when every attempt fails, throws {@code errorCode} as a BPMN error (or fails the job). */
  OutboundCall.Result call(String team, String event, Map<String, Object> payload, String errorCode)
      throws OutboundCall.Failure {
    try {
      return outbound.call(team, event, payload);
    } catch (OutboundCall.Failure e) {
      if (errorCode != null) {
        throw new BpmnError(errorCode, e.getMessage());
      }
      throw e;
    }
  }
}
