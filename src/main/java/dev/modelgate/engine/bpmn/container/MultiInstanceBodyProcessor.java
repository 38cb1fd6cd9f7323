package dev.modelgate.engine.bpmn.container;

import dev.modelgate.engine.bpmn.BpmnBehaviors;
import dev.modelgate.engine.bpmn.BpmnElementProcessor;
import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.feel.EvalResult;
import dev.modelgate.engine.model.Definitions.LoopDefinition;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-instance body: one inner instance per item of the input collection, all at once
 * (parallel) or one after the other (sequential); collects the output collection and honours the
 * completion condition.
 */
public final class MultiInstanceBodyProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors b;

  public MultiInstanceBodyProcessor(BpmnBehaviors b) {
    this.b = b;
  }

  @Override
  public void onActivate(ElementInstance body) {
    LoopDefinition loop = body.element.loop();
    EvalResult r = b.expressions.evaluateList(loop.inputCollection(), body, "input collection");
    if (r instanceof EvalResult.Failure f) {
      b.incidents.raise(IncidentType.EXTRACT_VALUE_ERROR, f.message(), body, -1, RetryStep.ACTIVATE);
      return;
    }
    @SuppressWarnings("unchecked")
    List<Object> items = new ArrayList<>((List<Object>) ((EvalResult.Ok) r).value());
    b.writer.append(new EngineEvent.MultiInstanceStarted(body.key, items));
    if (loop.outputCollection() != null) {
      List<Object> output = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        output.add(null);
      }
      b.variables.set(body, loop.outputCollection(), output);
    }
    if (items.isEmpty()) {
      b.transitions.complete(body);
      return;
    }
    if (loop.sequential()) {
      startNext(body);
    } else {
      while (body.nextIndex < items.size() && b.transitions.alive(body)) {
        startNext(body);
      }
    }
  }

  /** The inner instance's activation moves the body's next index on (see its applier). */
  private void startNext(ElementInstance body) {
    int index = body.nextIndex;
    b.transitions.activateInner(body, index + 1, body.inputCollection.get(index));
  }

  @Override
  public void onChildCompleted(ElementInstance body, ElementInstance child) {
    LoopDefinition loop = body.element.loop();
    // the child's completion already counted it (ElementCompleted)
    if (loop.outputCollection() != null && loop.outputElement() != null) {
      EvalResult r = b.expressions.evaluate(loop.outputElement(), visibleWith(child, body));
      Object value = r instanceof EvalResult.Ok ok ? ok.value() : null;
      @SuppressWarnings("unchecked")
      List<Object> output = new ArrayList<>((List<Object>) body.variables.get(loop.outputCollection()));
      output.set(child.loopCounter - 1, value);
      b.variables.set(body, loop.outputCollection(), output);
    }
    if (loop.completionCondition() != null) {
      Map<String, Object> ctx = visibleWith(child, body);
      ctx.put("numberOfInstances", (long) body.inputCollection.size());
      ctx.put("numberOfCompletedInstances", (long) body.completedInstances);
      ctx.put("numberOfActiveInstances", (long) body.children.size());
      ctx.put("numberOfTerminatedInstances", (long) body.terminatedInstances);
      EvalResult r = b.expressions.evaluateBoolean(loop.completionCondition(), ctx, "completion condition");
      if (r instanceof EvalResult.Ok ok && Boolean.TRUE.equals(ok.value())) {
        for (Long key : new ArrayList<>(body.children)) {
          ElementInstance inner = b.state.instances.get(key);
          if (inner != null) {
            b.transitions.terminate(inner);
          }
        }
        b.transitions.complete(body);
        return;
      }
    }
    if (loop.sequential() && body.nextIndex < body.inputCollection.size()) {
      startNext(body);
    } else if (body.children.isEmpty() && body.nextIndex >= body.inputCollection.size()) {
      b.transitions.complete(body);
    }
  }

  private Map<String, Object> visibleWith(ElementInstance child, ElementInstance body) {
    Map<String, Object> vars = new HashMap<>(b.variables.visible(body));
    vars.putAll(child.variables);
    return vars;
  }

  @Override
  public void onComplete(ElementInstance body) {
    LoopDefinition loop = body.element.loop();
    if (loop.outputCollection() != null) {
      Map<String, Object> out = new HashMap<>();
      out.put(loop.outputCollection(), body.variables.get(loop.outputCollection()));
      b.variables.propagate(b.state.instances.get(body.parentKey), out);
    }
  }
}
