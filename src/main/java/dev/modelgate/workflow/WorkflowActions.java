package dev.modelgate.workflow;

import dev.modelgate.access.Action;
import dev.modelgate.access.Permission;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.Registry;
import dev.modelgate.store.Ids;
import java.util.Optional;

/**
 * What people do with workflows and their tasks, each declared once with its permission and team scope;
 * the workflow API routes and the workflow, task and model-version pages use these.
 */
public final class WorkflowActions {

  public final Action<ModelVersion> start;
  public final Action<Workflow> read;
  public final Action<Workflow> message;
  public final Action<Workflow> cancel;
  public final Action<Task> readTask;
  public final Action<Task> actOnTask;

  public WorkflowActions(Registry registry, Workflows workflows, TaskRepository tasks) {
    this.start = Action.owned("workflow.start", Permission.WORKFLOW_START, id -> registry.version(id), ModelVersion::team);
    this.read = Action.owned("workflow.read", Permission.WORKFLOW_READ, id -> workflows.workflow(id), Workflow::team);
    this.message = read.with("workflow.message", Permission.WORKFLOW_MESSAGE);
    this.cancel = read.with("workflow.cancel", Permission.WORKFLOW_CANCEL);
    this.readTask = Action.owned("task.read", Permission.TASK_READ, id ->
        (Ids.isValid(id) ? tasks.find(id) : Optional.<Task>empty())
            .orElseThrow(() -> Refusal.notFound("no task '" + id + "'")), Task::team);
    this.actOnTask = readTask.with("task.act", Permission.TASK_ACT);
  }
}
