package dev.modelgate.engine.bpmn.container;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import dev.modelgate.engine.state.ProcessDefinition;
import java.util.Map;

/**
 * Call activity: creates an instance of the latest version of the called process with the
 * caller's variables (all visible ones, or only its input mappings), and completes with the
 * called instance's variables when it completes.
 */
public final class CallActivityProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public CallActivityProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    EvalResult r = b.expressions.evaluateString(instance.element.call().processId(), instance, "called process id");
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
      return;
    }
    String processId = (String) ((EvalResult.Ok) r).value();
    ProcessDefinition definition = b.state.latest(processId);
    if (definition == null) {
      b.incidents.raise(IncidentType.CALLED_ELEMENT_ERROR, "Expected process with BPMN process id '" + processId
          + "' to be deployed, but not found.", instance, -1, RetryStep.ACTIVATE);
      return;
    }
    if (definition.process().root().noneStartEvent() == null) {
      b.incidents.raise(IncidentType.CALLED_ELEMENT_ERROR, "Expected process '" + processId
          + "' to have a none start event", instance, -1, RetryStep.ACTIVATE);
      return;
    }
    Map<String, Object> variables = instance.element.call().propagateAllParentVariables()
        ? b.variables.visible(instance)
        : new java.util.LinkedHashMap<>(instance.variables);
    // the called instance's key is known before it runs, so that an interrupting event it throws at
    // once (an escalation, an error) ends it together with this call activity
    b.writer.append(new EngineEvent.CalledInstanceLinked(instance.key, b.state.peekNextKey()));
    ElementInstance child = b.transitions.createProcessInstance(definition, variables, null, null, instance.key);
    if (child.key != instance.calledInstanceKey && instance.calledInstanceKey >= 0) {
      throw new IllegalStateException("called process instance got key " + child.key);
    }
  }

  @Override
  public void onTerminate(ElementInstance instance) {
    if (instance.calledInstanceKey >= 0) {
      ElementInstance child = b.state.instances.get(instance.calledInstanceKey);
      if (child != null) {
        b.transitions.terminate(child);
      }
      b.writer.append(new EngineEvent.CalledInstanceLinked(instance.key, -1));
    }
  }

  /** The called process instance completed: take its variables back and complete. */
  public void onCalledProcessCompleted(ElementInstance caller, ElementInstance called) {
    b.writer.append(new EngineEvent.CalledInstanceLinked(caller.key, -1));
    if (caller.element.ioMappings().hasOutputs()) {
      b.variables.setLocal(caller, called.variables);
    } else if (caller.element.call().propagateAllChildVariables()) {
      b.variables.applyCompletionVariables(caller, called.variables);
    }
    b.transitions.complete(caller);
  }
}
