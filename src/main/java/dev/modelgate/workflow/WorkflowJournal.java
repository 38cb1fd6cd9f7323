package dev.modelgate.workflow;

import dev.modelgate.workflow.engine.JobInput;
import java.time.Clock;
import java.time.Instant;

/** How workers write what they see into the workflow read model: timeline entries and current steps. */
public final class WorkflowJournal {

  public static final String SYSTEM = "system";

  private final WorkflowRepository workflows;
  private final MessageDeliveries deliveries;
  private final Clock clock;

  public WorkflowJournal(WorkflowRepository workflows, MessageDeliveries deliveries, Clock clock) {
    this.workflows = workflows;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  public Instant now() {
    return Instant.now(clock);
  }

  /** The workflow a job belongs to; also learns the instance key of workflows started by a message. */
  public Workflow workflow(JobInput job) {
    Workflow w = workflows.find(job.workflowId()).orElseThrow(() -> new IllegalStateException(
        "job " + job.key() + " names unknown workflow " + job.workflowId()));
    if (w.processInstanceKey() == null) {
      if (job.bpmnProcessId().equals(w.type().processId())) {
        workflows.setProcessInstanceKey(w.id(), job.processInstanceKey());
      } else {
        // A job of a called process: the engine runs the workflow, whatever its launch heard.
        workflows.launched(w.id());
      }
    }
    return w;
  }

  /** A system step finished (written once per job, however often a crash makes the step run). */
  public void done(JobInput job, String name, Instant started, String note) {
    workflows.appendTimelineOfJob(job.workflowId(), job.key(), new Workflow.TimelineEntry(job.elementId(), name,
        "service", SYSTEM, started, now(), note));
  }

  public void event(String workflowId, String step, String name, String kind, String who, String note) {
    Instant now = now();
    workflows.appendTimeline(workflowId, new Workflow.TimelineEntry(step, name, kind, who, now, now, note));
  }

  /**
   * Shows the workflow waiting for the message, unless it waits already or the message was delivered (a
   * step repeated after a crash, whose message the engine keeps until the workflow reaches it).
   */
  public void waitForMessage(JobInput job, String messageName) {
    String key = Workflow.Step.messageKey(messageName);
    Workflow w = workflows.find(job.workflowId()).orElseThrow();
    if (!w.waitsFor(messageName) && !deliveries.delivered(job.workflowId(), messageName)) {
      workflows.addStep(job.workflowId(), new Workflow.Step(key, "message", messageName, "Waiting for " + messageName,
          null, null, now()));
    }
  }

  public void stopWaiting(String workflowId, String messageName) {
    workflows.removeStep(workflowId, Workflow.Step.messageKey(messageName));
  }

  public void setDetail(String workflowId, String name, Object value) {
    workflows.setDetail(workflowId, name, value);
  }
}
