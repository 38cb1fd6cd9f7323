package dev.modelgate.engine.bpmn.task;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;

/**
 * Service, send, business-rule (by job) and job-worker user tasks: activation creates a job; the
 * task completes when a worker completes the job (see the job commands).
 */
public final class JobWorkerTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public JobWorkerTaskProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    EvalResult r = b.jobs.createJob(instance);
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
    }
  }

  @Override
  public void onComplete(ElementInstance instance) {
    b.jobs.cancelJob(instance);
  }

  @Override
  public void onTerminate(ElementInstance instance) {
    b.jobs.cancelJob(instance);
  }
}
