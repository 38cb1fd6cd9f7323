package dev.modelgate.workflow.workers;

import dev.modelgate.notify.Notification;
import dev.modelgate.notify.Notifier;
import dev.modelgate.workflow.RoleHolders;
import dev.modelgate.workflow.Task;
import dev.modelgate.workflow.TaskRepository;
import dev.modelgate.workflow.Workflow;
import dev.modelgate.workflow.WorkflowJournal;
import dev.modelgate.workflow.engine.JobHandler;
import dev.modelgate.workflow.engine.JobInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code notify}: tells people. Header {@code kind} says what: {@code gate-failed} (to the submitter,
 * with the failed checks) or {@code reminder} (for the open tasks of the step named by header
 * {@code task}, counted on each task and sent to the team's role).
 */
public final class NotifyWorker implements JobHandler {

  private final Notifier notifier;
  private final TaskRepository tasks;
  private final RoleHolders roleHolders;
  private final WorkflowJournal journal;

  public NotifyWorker(Notifier notifier, TaskRepository tasks, RoleHolders roleHolders, WorkflowJournal journal) {
    this.notifier = notifier;
    this.tasks = tasks;
    this.roleHolders = roleHolders;
    this.journal = journal;
  }

  @Override
  public String jobType() {
    return "notify";
  }

  @Override
  public Map<String, Object> handle(JobInput job) {
    Instant started = journal.now();
    Workflow w = journal.workflow(job);
    String kind = job.header("kind").orElse("info");
    String link = "/workflows/" + w.id();
    if (kind.equals("reminder")) {
      String step = job.header("task").orElse("");
      List<Task> open = tasks.listByWorkflow(w.id()).stream()
          .filter(t -> t.elementId().equals(step) && t.status() == Task.Status.OPEN).toList();
      for (Task t : open) {
        tasks.countReminder(t.id());
        notifier.teamEvent(t.team(), "task.reminder", Map.of("taskId", t.id(), "role", t.role(), "workflowId", w.id()));
        String title = "Reminder: " + t.name() + " of " + t.model() + " " + t.version() + " is waiting";
        // The person who claimed it, else everyone who may take it (not the submitter, who may not decide).
        java.util.Set<String> to = t.assignee() != null ? java.util.Set.of(t.assignee())
            : roleHolders.holders(t.team(), t.role());
        for (String user : to) {
          if (!user.equals(t.submittedBy())) {
            notifier.notify(new Notification(user, "reminder", t.team(), "task", t.id(), title, "/tasks/" + t.id()));
          }
        }
      }
      journal.done(job, "Reminder", started, "reminder for " + step + " (" + open.size() + " open task"
          + (open.size() == 1 ? "" : "s") + ")");
    } else {
      Object failures = job.variables().get("gateFailures");
      String title = kind.equals("gate-failed")
          ? "Gate failed for " + w.model() + " " + w.version() + ": " + failures
          : kind + " for " + w.model() + " " + w.version();
      if (w.submittedBy() != null) {
        notifier.notify(new Notification(w.submittedBy(), kind, w.team(), "workflow", w.id(), title, link));
      }
      journal.done(job, "Notify", started, "notified " + w.submittedBy() + ": " + kind);
    }
    return Map.of();
  }
}
