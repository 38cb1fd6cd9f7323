package dev.modelgate.workflow.engine;

import java.util.Map;
import java.util.Optional;

/**
 * What a job worker needs to know about one activated job, independent of the client library:
 * which process and element it belongs to, its variables and its task headers.
 */
public record JobInput(long key, String type, long processInstanceKey, String bpmnProcessId, String elementId,
    int retries, Map<String, Object> variables, Map<String, String> headers) {

  public Optional<String> string(String name) {
    Object v = variables.get(name);
    return v == null ? Optional.empty() : Optional.of(v.toString());
  }

  public String requiredString(String name) {
    return string(name).orElseThrow(() -> new IllegalStateException(
        "job " + key + " (" + type + ") has no variable '" + name + "'"));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The workflow read-model id every ModelGate process carries. */
  public String workflowId() {
    return requiredString("workflowId");
  }
}
