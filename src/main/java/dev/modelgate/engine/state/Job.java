package dev.modelgate.engine.state;

import java.util.Map;

/** A job for a worker, created by a job-worker task. */
public final class Job {
  public enum State { ACTIVATABLE, ACTIVATED, BACKOFF, FAILED, ERROR_THROWN }

  /** What the job is for: the element's own work, or one of its listeners (as Camunda's job kinds). */
  public enum Kind { BPMN_ELEMENT, EXECUTION_LISTENER, TASK_LISTENER }

  public final long key;
  public final String type;
  public final long elementInstanceKey;
  public final long processInstanceKey;
  public final String bpmnProcessId;
  public final int processDefinitionVersion;
  public final long processDefinitionKey;
  public final String elementId;
  public final Map<String, String> customHeaders;
  public int retries;
  public State state = State.ACTIVATABLE;
  public String worker = "";
  public long deadline = -1;
  public long recurAt = -1;
  public String errorMessage = "";
  public Kind kind = Kind.BPMN_ELEMENT;
  /** For listener jobs: the event the listener runs for, else null. */
  public dev.modelgate.engine.model.ListenerEventType listenerEventType;
  /** For task listener jobs: the user task, else -1. */
  public long userTaskKey = -1;

  public Job(long key, String type, long elementInstanceKey, long processInstanceKey, String bpmnProcessId,
      int processDefinitionVersion, long processDefinitionKey, String elementId, Map<String, String> customHeaders,
      int retries) {
    this.key = key;
    this.type = type;
    this.elementInstanceKey = elementInstanceKey;
    this.processInstanceKey = processInstanceKey;
    this.bpmnProcessId = bpmnProcessId;
    this.processDefinitionVersion = processDefinitionVersion;
    this.processDefinitionKey = processDefinitionKey;
    this.elementId = elementId;
    this.customHeaders = customHeaders;
    this.retries = retries;
  }
}
