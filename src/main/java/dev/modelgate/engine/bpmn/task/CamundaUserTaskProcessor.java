package dev.modelgate.engine.bpmn.task;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;

/**
 * Camunda user tasks ({@code zeebe:userTask}): activation creates the user task; the element completes
 * when the task is completed (see the user task commands), and a termination cancels the task.
 */
public final class CamundaUserTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public CamundaUserTaskProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    EvalResult r = b.userTasks.create(instance);
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
    }
  }

  @Override
  public void onTerminate(ElementInstance instance) {
    b.jobs.cancelJob(instance); // a task listener job still waiting
    b.userTasks.cancel(instance);
  }
}
