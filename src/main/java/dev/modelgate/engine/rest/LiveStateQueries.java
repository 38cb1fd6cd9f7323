package dev.modelgate.engine.rest;

import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Incident;
import dev.modelgate.engine.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The searches answered from the running engine's state, copied on the writer's thread after the commands
 * before it are durable (then filtered, sorted and paged off that thread): running process and element instances, open incidents, the current variables of
 * each scope, the sequence flows a running instance has taken. What has ended is not in the state (the
 * exported history has it), and the state keeps no start dates or variable keys, so those are absent here.
 */
public final class LiveStateQueries implements EngineQueries {
  private final EngineCalls engine;

  public LiveStateQueries(EngineCalls engine) {
    this.engine = engine;
  }

  @Override
  public CompletableFuture<SearchResult<ProcessInstanceView>> processInstances(SearchQuery query) {
    return engine.read(LiveStateQueries::processInstances)
        .thenApplyAsync(all -> InMemorySearch.run(all, ProcessInstanceView.FIELDS, query));
  }

  @Override
  public CompletableFuture<Optional<List<SequenceFlowView>>> sequenceFlows(long processInstanceKey) {
    return engine.read(state -> {
      ElementInstance pi = state.instances.get(processInstanceKey);
      if (pi == null || !pi.isProcessInstance()) {
        return Optional.<List<SequenceFlowView>>empty();
      }
      long root = root(state, pi);
      List<SequenceFlowView> flows = new ArrayList<>();
      for (String flow : pi.takenFlows) {
        flows.add(new SequenceFlowView(flow, pi.key, root, pi.definition.key(), pi.definition.bpmnProcessId()));
      }
      return Optional.of(flows);
    });
  }

  @Override
  public CompletableFuture<SearchResult<ElementInstanceView>> elementInstances(SearchQuery query) {
    return engine.read(LiveStateQueries::elementInstances)
        .thenApplyAsync(all -> InMemorySearch.run(all, ElementInstanceView.FIELDS, query));
  }

  @Override
  public CompletableFuture<SearchResult<VariableView>> variables(SearchQuery query) {
    return engine.read(LiveStateQueries::variables)
        .thenApplyAsync(all -> InMemorySearch.run(all, VariableView.FIELDS, query));
  }

  @Override
  public CompletableFuture<SearchResult<IncidentView>> incidents(SearchQuery query) {
    return engine.read(LiveStateQueries::incidents)
        .thenApplyAsync(all -> InMemorySearch.run(all, IncidentView.FIELDS, query));
  }

  @Override
  public CompletableFuture<SearchResult<UserTaskView>> userTasks(SearchQuery query) {
    // the engine's state holds no Camunda user tasks yet (job-worker user tasks are jobs, not user tasks)
    return engine.read(state -> List.<UserTaskView>of())
        .thenApplyAsync(all -> InMemorySearch.run(all, UserTaskView.FIELDS, query));
  }

  private static List<ProcessInstanceView> processInstances(EngineState state) {
    List<ProcessInstanceView> out = new ArrayList<>();
    java.util.Set<Long> withIncidents = new java.util.HashSet<>();
    state.incidents.values().forEach(x -> withIncidents.add(x.processInstanceKey()));
    for (ElementInstance i : state.instances.values()) {
      if (!i.isProcessInstance()) {
        continue;
      }
      ElementInstance caller = i.callingInstanceKey > 0 ? state.instances.get(i.callingInstanceKey) : null;
      boolean hasIncident = withIncidents.contains(i.key);
      out.add(new ProcessInstanceView(i.key, i.definition.bpmnProcessId(), i.definition.version(),
          i.definition.key(), "ACTIVE", hasIncident, caller == null ? -1 : caller.processInstanceKey,
          i.callingInstanceKey, root(state, i), null, null));
    }
    return out;
  }

  private static List<ElementInstanceView> elementInstances(EngineState state) {
    List<ElementInstanceView> out = new ArrayList<>();
    for (ElementInstance i : state.instances.values()) {
      if (i.isProcessInstance()) {
        continue;
      }
      String type = i.multiInstanceBody ? "MULTI_INSTANCE_BODY" : i.element.kind().name();
      out.add(new ElementInstanceView(i.key, i.processInstanceKey, rootOfProcess(state, i.processInstanceKey),
          i.definition.key(), i.definition.bpmnProcessId(), i.element.id(), type, "ACTIVE", i.incidentKey > 0,
          i.incidentKey, i.parentKey, null, null));
    }
    return out;
  }

  private static List<VariableView> variables(EngineState state) {
    List<VariableView> out = new ArrayList<>();
    for (ElementInstance i : state.instances.values()) {
      long root = rootOfProcess(state, i.processInstanceKey);
      for (Map.Entry<String, Object> v : i.variables.entrySet()) {
        out.add(new VariableView(-1, v.getKey(), Json.writeValue(v.getValue()), i.key, i.processInstanceKey, root));
      }
    }
    return out;
  }

  private static List<IncidentView> incidents(EngineState state) {
    List<IncidentView> out = new ArrayList<>();
    for (Incident x : state.incidents.values()) {
      ElementInstance at = state.instances.get(x.elementInstanceKey());
      ElementInstance pi = state.instances.get(x.processInstanceKey());
      ElementInstance known = at != null ? at : pi;
      out.add(new IncidentView(x.key(), known == null ? null : known.definition.bpmnProcessId(),
          known == null ? -1 : known.definition.key(), x.processInstanceKey(),
          rootOfProcess(state, x.processInstanceKey()), x.type().name(), x.message(),
          at == null ? null : at.element.id(), x.elementInstanceKey(), x.jobKey(), "ACTIVE", null));
    }
    return out;
  }

  private static long rootOfProcess(EngineState state, long processInstanceKey) {
    ElementInstance pi = state.instances.get(processInstanceKey);
    return pi == null ? processInstanceKey : root(state, pi);
  }

  /** The process instance at the top of a chain of call activities. */
  private static long root(EngineState state, ElementInstance processInstance) {
    ElementInstance cur = processInstance;
    while (cur.callingInstanceKey > 0) {
      ElementInstance caller = state.instances.get(cur.callingInstanceKey);
      if (caller == null) {
        break;
      }
      ElementInstance next = state.instances.get(caller.processInstanceKey);
      if (next == null) {
        break;
      }
      cur = next;
    }
    return cur.key;
  }
}
