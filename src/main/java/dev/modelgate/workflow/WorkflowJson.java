package dev.modelgate.workflow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** JSON of workflows, tasks, approvals and production history. */
public final class WorkflowJson {

  private WorkflowJson() {}

  public static JsonObject workflow(Workflow w, List<Approval> approvals) {
    JsonArray steps = new JsonArray();
    w.currentSteps().forEach(s -> steps.add(new JsonObject().put("kind", s.kind()).put("elementId", s.elementId())
        .put("name", s.name()).put("taskId", s.taskId()).put("candidate", s.role()).put("since", str(s.since()))));
    JsonArray timeline = new JsonArray();
    w.timeline().forEach(e -> {
      Duration d = e.duration();
      timeline.add(new JsonObject().put("step", e.step()).put("name", e.name()).put("kind", e.kind())
          .put("who", e.who()).put("started", str(e.startedAt())).put("finished", str(e.finishedAt()))
          .put("durationMs", d == null ? null : d.toMillis()).put("note", e.note()));
    });
    JsonArray approvalJson = new JsonArray();
    approvals.forEach(a -> approvalJson.add(approval(a)));
    return new JsonObject().put("id", w.id()).put("type", w.type().id()).put("processId", w.type().processId())
        .put("team", w.team()).put("projectId", w.projectId()).put("modelVersionId", w.modelVersionId())
        .put("model", w.model()).put("version", w.version()).put("submittedBy", w.submittedBy())
        .put("startedBy", w.startedBy()).put("status", w.status().id()).put("outcome", w.outcome())
        .put("processInstanceKey", w.processInstanceKey() == null ? null : String.valueOf(w.processInstanceKey()))
        .put("currentSteps", steps).put("timeline", timeline).put("approvals", approvalJson)
        .put("details", new JsonObject(w.details())).put("startedAt", str(w.startedAt()))
        .put("finishedAt", str(w.finishedAt()))
        .put("durationMs", w.finishedAt() == null ? null : Duration.between(w.startedAt(), w.finishedAt()).toMillis());
  }

  public static JsonObject summary(Workflow w) {
    return new JsonObject().put("id", w.id()).put("type", w.type().id()).put("modelVersionId", w.modelVersionId())
        .put("model", w.model()).put("version", w.version()).put("status", w.status().id())
        .put("outcome", w.outcome()).put("startedBy", w.startedBy()).put("startedAt", str(w.startedAt()))
        .put("finishedAt", str(w.finishedAt()))
        .put("currentSteps", new JsonArray(w.currentSteps().stream().map(Workflow.Step::name).toList()));
  }

  public static JsonObject task(Task t) {
    return new JsonObject().put("id", t.id()).put("name", t.name()).put("elementId", t.elementId())
        .put("workflowId", t.workflowId()).put("workflowType", t.workflowType()).put("team", t.team())
        .put("candidateRole", t.role()).put("assignee", t.assignee()).put("dueDate", str(t.dueDate()))
        .put("projectId", t.projectId()).put("modelVersionId", t.modelVersionId()).put("model", t.model())
        .put("version", t.version()).put("submittedBy", t.submittedBy()).put("status", t.status().id())
        .put("decision", t.decision()).put("comment", t.comment()).put("decidedBy", t.decidedBy())
        .put("decidedAt", str(t.decidedAt())).put("approvalId", t.approvalId()).put("reminders", t.reminders())
        .put("evidence", new JsonObject(t.evidence())).put("createdAt", str(t.createdAt()));
  }

  public static JsonObject approval(Approval a) {
    return new JsonObject().put("id", a.id()).put("taskId", a.taskId()).put("workflowId", a.workflowId())
        .put("workflowType", a.workflowType()).put("team", a.team()).put("projectId", a.projectId())
        .put("modelVersionId", a.modelVersionId()).put("model", a.model()).put("version", a.version())
        .put("step", a.step()).put("decidedBy", a.decidedBy()).put("role", a.role()).put("decision", a.decision())
        .put("comment", a.comment()).put("evidence", new JsonObject(a.evidence()))
        .put("decidedAt", str(a.decidedAt()));
  }

  public static JsonObject period(ProductionHistory.Period p) {
    JsonArray approvals = new JsonArray();
    p.approvals().forEach(a -> approvals.add(new JsonObject().put("id", a.id()).put("step", a.step())
        .put("decidedBy", a.decidedBy()).put("role", a.role()).put("decision", a.decision())
        .put("decidedAt", str(a.decidedAt()))));
    return new JsonObject().put("modelVersionId", p.modelVersionId()).put("version", p.version())
        .put("from", str(p.from())).put("to", str(p.to())).put("promotedBy", p.promotedBy())
        .put("workflowId", p.workflowId()).put("note", p.note()).put("approvals", approvals);
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
