package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.bpmn.task.JobWorkerTaskProcessor;
import dev.modelgate.engine.model.EventType;
import dev.modelgate.engine.state.ElementInstance;

/**
 * Intermediate throw events: none marks a milestone and passes through; message is job-based, as in
 * Camunda (a worker sends the message), so it behaves like a service task until its job completes;
 * compensation invokes the compensation handlers and waits for them.
 */
public final class IntermediateThrowEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;
  private final JobWorkerTaskProcessor job;

  public IntermediateThrowEventProcessor(BpmnBehaviors b, JobWorkerTaskProcessor job) {
    this.b = b;
    this.job = job;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    if (instance.element.eventType() == EventType.MESSAGE) {
      job.onActivate(instance);
    } else if (instance.element.eventType() == EventType.COMPENSATION) {
      b.compensation.throwCompensation(instance);
    } else {
      b.transitions.complete(instance);
    }
  }

  @Override
  public void onComplete(ElementInstance instance) {
    job.onComplete(instance);
  }

  @Override
  public void onTerminate(ElementInstance instance) {
    job.onTerminate(instance);
  }
}
