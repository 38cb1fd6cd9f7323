package dev.modelgate.engine.behavior;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.StateWriter;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable scopes: every element instance is a scope; a scope sees its own variables and those of
 * its flow scopes up to the process instance. Propagation sets a variable in the nearest scope
 * that already has it, else in the process instance.
 */
public final class VariableBehavior {
  private final EngineState state;
  private final StateWriter writer;

  public VariableBehavior(EngineState state, StateWriter writer) {
    this.state = state;
    this.writer = writer;
  }

  private List<ElementInstance> chain(ElementInstance instance) {
    List<ElementInstance> chain = new ArrayList<>();
    ElementInstance cur = instance;
    while (cur != null) {
      chain.add(cur);
      cur = cur.parentKey < 0 ? null : state.instances.get(cur.parentKey);
    }
    return chain;
  }

  /** All variables visible from a scope, inner scopes shadowing outer ones. */
  public Map<String, Object> visible(ElementInstance instance) {
    List<ElementInstance> chain = chain(instance);
    Map<String, Object> result = new HashMap<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      result.putAll(chain.get(i).variables);
    }
    return result;
  }

  public void setLocal(ElementInstance scope, Map<String, Object> variables) {
    for (Map.Entry<String, Object> e : variables.entrySet()) {
      set(scope, e.getKey(), e.getValue());
    }
  }

  /** Sets one variable in one scope. */
  public void set(ElementInstance scope, String name, Object value) {
    writer.append(new EngineEvent.VariableSet(scope.key, scope.processInstanceKey, name, value));
  }

  /** Sets each variable where it is already defined (from {@code scope} upwards), else at the root. */
  public void propagate(ElementInstance scope, Map<String, Object> variables) {
    if (variables.isEmpty()) {
      return;
    }
    List<ElementInstance> chain = chain(scope);
    ElementInstance root = chain.get(chain.size() - 1);
    for (Map.Entry<String, Object> e : variables.entrySet()) {
      ElementInstance target = root;
      for (ElementInstance s : chain) {
        if (s.variables.containsKey(e.getKey())) {
          target = s;
          break;
        }
      }
      set(target, e.getKey(), e.getValue());
    }
  }

  /**
   * Variables that come with the completion of an element (job variables, message variables, a
   * called process's variables): local when the element has output mappings (which then pick
   * what leaves), otherwise propagated from the element's flow scope. An inner instance of a
   * multi-instance activity propagates from itself, so that its loop variables (input element,
   * output element, loop counter) are updated in the instance and never leak out of the body.
   */
  public void applyCompletionVariables(ElementInstance instance, Map<String, Object> variables) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    if (instance.element.ioMappings().hasOutputs() || instance.parentKey < 0) {
      setLocal(instance, variables);
      return;
    }
    ElementInstance scope = state.instances.get(instance.parentKey);
    propagate(scope.multiInstanceBody ? instance : scope, variables);
  }

  /**
   * Applies the variables of the event that activated {@code instance} (a message, or the event an
   * event-based gateway chose), once; true when the event had already happened.
   */
  public boolean applyEventVariables(ElementInstance instance) {
    if (instance.eventVariables == null) {
      return false;
    }
    Map<String, Object> eventVariables = instance.eventVariables;
    writer.append(new EngineEvent.EventVariablesConsumed(instance.key));
    applyCompletionVariables(instance, eventVariables);
    return true;
  }
}
