package dev.modelgate.engine.processing.command;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.Command.CompleteJob;
import dev.modelgate.engine.processing.CommandRejection;
import dev.modelgate.engine.processing.Rejection;
import dev.modelgate.engine.processing.Responder;
import dev.modelgate.engine.processing.Results;
import dev.modelgate.engine.processing.TypedCommandProcessor;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Job;
import dev.modelgate.engine.state.LifecycleState;
import java.util.Map;

/** Completes an activated job: its variables go to the element, which then completes. */
public final class CompleteJobProcessor implements TypedCommandProcessor<CompleteJob> {
  private final BpmnBehaviors b;

  public CompleteJobProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public Object process(CompleteJob c, Responder responder) {
    Object found = JobLookup.inState(b.state, c.jobKey(), "complete", Job.State.ACTIVATED);
    if (found instanceof Rejection r) {
      return r;
    }
    Map<String, Object> variables = CommandRejection.variables(c.variables());
    Job job = (Job) found;
    switch (job.kind) {
      case TASK_LISTENER -> {
        Rejection refused = b.userTasks.checkListenerResult(job, !variables.isEmpty(), c.result());
        if (refused != null) {
          return refused;
        }
        b.userTasks.listenerCompleted(job, c.result());
        return new Results.Empty();
      }
      case EXECUTION_LISTENER -> {
        b.executionListeners.completed(job, variables);
        return new Results.Empty();
      }
      case BPMN_ELEMENT -> { }
    }
    ElementInstance instance = b.state.instances.get(job.elementInstanceKey);
    b.writer.append(new EngineEvent.JobCompleted(job.key));
    if (instance != null && instance.state == LifecycleState.ACTIVATED) {
      b.variables.applyCompletionVariables(instance, variables);
      b.transitions.complete(instance);
    }
    return new Results.Empty();
  }
}
