package dev.modelgate.engine.bpmn.task;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.util.HashMap;
import java.util.Map;

/** Script tasks with a FEEL {@code zeebe:script}: the result goes into the result variable. */
public final class ScriptTaskProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public ScriptTaskProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance instance) {
    EvalResult r = b.expressions.evaluate(instance.element.script().expression(), instance);
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), instance, -1, RetryStep.ACTIVATE);
      return;
    }
    Map<String, Object> result = new HashMap<>();
    result.put(instance.element.script().resultVariable(), ((EvalResult.Ok) r).value());
    b.variables.applyCompletionVariables(instance, result);
    b.transitions.complete(instance);
  }
}
