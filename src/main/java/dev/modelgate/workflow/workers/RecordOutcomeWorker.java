package dev.modelgate.workflow.workers;

import dev.modelgate.notify.Notification;
import dev.modelgate.notify.Notifier;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.Workflows;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code record-outcome}: the last step of every model. In the workflow's own process it ends the read
 * model's workflow with the {@code outcome} header; in a called process (review inside a promotion) it
 * records the sub-result on the timeline. Either way it sets the {@code resultVariable} for the caller.
 */
public final class RecordOutcomeWorker implements JobHandler {

  private final Workflows workflows;
  private final WorkflowJournal journal;
  private final Notifier notifier;

  public RecordOutcomeWorker(Workflows workflows, WorkflowJournal journal, Notifier notifier) {
    this.workflows = workflows;
    this.journal = journal;
    this.notifier = notifier;
  }

  @Override
  public String jobType() {
    return "record-outcome";
  }

  @Override
  public Map<String, Object> handle(JobInput job) {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    String outcome = job.header("outcome").orElseThrow(() -> new IllegalStateException(
        "record-outcome task " + job.elementId() + " has no 'outcome' header"));
    boolean own = job.bpmnProcessId().equals(w.type().processId());
    journal.done(job, own ? "Outcome" : "Outcome of " + job.bpmnProcessId(), started, outcome);
    if (own) {
      workflows.finished(w, outcome);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("workflowId", w.id());
      event.put("type", w.type().id());
      event.put("outcome", outcome);
      event.put("modelVersionId", w.modelVersionId());
      notifier.teamEvent(w.team(), "workflow.finished", event);
      if (w.submittedBy() != null) {
        notifier.notify(new Notification(w.submittedBy(), "workflow-finished", w.team(), "workflow", w.id(),
            w.type().id() + " of " + w.model() + " " + w.version() + ": " + outcome, "/workflows/" + w.id()));
      }
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put(job.header("resultVariable").orElse("outcome"), outcome);
    return vars;
  }
}
