package dev.modelgate.engine.model;

/** The BPMN element kinds the engine executes. */
public enum ElementKind {
  PROCESS,
  START_EVENT,
  END_EVENT,
  INTERMEDIATE_CATCH_EVENT,
  INTERMEDIATE_THROW_EVENT,
  BOUNDARY_EVENT,
  SERVICE_TASK,
  SEND_TASK,
  BUSINESS_RULE_TASK,
  USER_TASK,
  SCRIPT_TASK,
  RECEIVE_TASK,
  MANUAL_TASK,
  TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  INCLUSIVE_GATEWAY,
  EVENT_BASED_GATEWAY,
  SUB_PROCESS,
  /** A sub-process triggered by an event (triggeredByEvent): its one start event says which. */
  EVENT_SUB_PROCESS,
  CALL_ACTIVITY,
  MULTI_INSTANCE_BODY;

  public boolean isJobTask() {
    return this == SERVICE_TASK || this == SEND_TASK || this == BUSINESS_RULE_TASK || this == USER_TASK;
  }
}
