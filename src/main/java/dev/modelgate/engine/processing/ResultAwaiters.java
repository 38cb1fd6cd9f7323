package dev.modelgate.engine.processing;

import dev.modelgate.engine.processing.Results.InstanceCreated;
import dev.modelgate.engine.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Callers of CreateProcessInstanceWithResult, answered when their instance completes or is terminated. */
public final class ResultAwaiters implements ProcessingContext.ProcessInstanceListener {
  private record Await(Responder responder, List<String> fetchVariables, InstanceCreated created) {}

  private final ProcessingContext ctx;
  private final Map<Long, Await> awaiting = new LinkedHashMap<>();

  ResultAwaiters(ProcessingContext ctx) {
    this.ctx = ctx;
    ctx.addListener(this);
  }

  public void await(long processInstanceKey, Responder responder, List<String> fetchVariables,
      InstanceCreated created) {
    awaiting.put(processInstanceKey, new Await(responder, fetchVariables, created));
  }

  @Override
  public void completed(long key, Map<String, Object> variables) {
    Await await = awaiting.remove(key);
    if (await != null) {
      Map<String, Object> selected = select(variables, await.fetchVariables());
      Results.InstanceResult result = new Results.InstanceResult(await.created(), Json.write(selected));
      ctx.afterDurable(() -> await.responder().succeed(result));
    }
  }

  @Override
  public void terminated(long key) {
    Await await = awaiting.remove(key);
    if (await != null) {
      ctx.afterDurable(() -> await.responder().reject(Rejection.precondition(
          "Process instance " + key + " was terminated before it completed")));
    }
  }

  public void dropCancelled() {
    awaiting.values().removeIf(a -> a.responder().isCancelled());
  }

  void abandon(Rejection reason) {
    awaiting.values().forEach(a -> a.responder().reject(reason));
    awaiting.clear();
  }

  private static Map<String, Object> select(Map<String, Object> variables, List<String> names) {
    if (names == null || names.isEmpty()) {
      return variables;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String n : names) {
      if (variables.containsKey(n)) {
        out.put(n, variables.get(n));
      }
    }
    return out;
  }
}
