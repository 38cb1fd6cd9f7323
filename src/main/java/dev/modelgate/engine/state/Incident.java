package dev.modelgate.engine.state;

/** An incident: a problem that stops an element until it is resolved. */
public record Incident(long key, IncidentType type, String message, long processInstanceKey,
    long elementInstanceKey, long jobKey, RetryStep retry) {

  public enum IncidentType {
    JOB_NO_RETRIES, EXTRACT_VALUE_ERROR, CONDITION_ERROR, UNHANDLED_ERROR_EVENT, CALLED_ELEMENT_ERROR, IO_MAPPING_ERROR,
    EXECUTION_LISTENER_NO_RETRIES, TASK_LISTENER_NO_RETRIES, CALLED_DECISION_ERROR, DECISION_EVALUATION_ERROR
  }

  /** What resolving the incident retries. */
  public enum RetryStep { NONE, ACTIVATE, COMPLETE, USER_TASK_TRANSITION }
}
