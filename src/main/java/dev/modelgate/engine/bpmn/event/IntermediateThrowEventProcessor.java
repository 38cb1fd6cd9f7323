package dev.modelgate.engine.bpmn.event;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.bpmn.task.JobWorkerTaskProcessor;
import dev.modelgate.engine.state.ElementInstance;

/**
 * Intermediate throw events: none marks a milestone and passes through; message is job-based, as in
 * Camunda (a worker sends the message), so it behaves like a service task until its job completes;
 * signal broadcasts and goes on; escalation is thrown to the enclosing scopes and goes on unless
 * caught by an interrupting event; link continues at its link catch event (the transformer made
 * that the event's outgoing flow); compensation invokes the compensation handlers and waits for them.
 */
public final class IntermediateThrowEventProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;
  private final JobWorkerTaskProcessor job;
  private final ThrownEvents thrown;

  public IntermediateThrowEventProcessor(BpmnBehaviors b, JobWorkerTaskProcessor job) {
    this.b = b;
    this.job = job;
    this.thrown = new ThrownEvents(b);
  }

  @Override
  public void onActivate(ElementInstance instance) {
    switch (instance.element.eventType()) {
      case MESSAGE -> job.onActivate(instance);
      case SIGNAL -> thrown.signal(instance);
      case ESCALATION -> thrown.escalation(instance);
      case COMPENSATION -> b.compensation.throwCompensation(instance);
      default -> b.transitions.complete(instance);
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
