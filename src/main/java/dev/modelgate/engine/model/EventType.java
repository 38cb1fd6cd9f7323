package dev.modelgate.engine.model;

/** The event definitions the engine supports. */
public enum EventType {
  NONE,
  MESSAGE,
  TIMER,
  ERROR,
  TERMINATE,
  SIGNAL,
  ESCALATION,
  LINK,
  COMPENSATION
}
