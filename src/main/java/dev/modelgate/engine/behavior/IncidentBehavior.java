package dev.modelgate.engine.behavior;

import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Incident;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;

/** Raises and removes incidents. An element with an open incident waits until it is resolved. */
public final class IncidentBehavior {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IncidentBehavior.class);
  private final EngineState state;

  public IncidentBehavior(EngineState state) {
    this.state = state;
  }

  public Incident raise(IncidentType type, String message, ElementInstance instance, long jobKey, RetryStep retry) {
    Incident incident = new Incident(state.nextKey(), type, message, instance.processInstanceKey, instance.key,
        jobKey, retry);
    state.incidents.put(incident.key(), incident);
    instance.incidentKey = incident.key();
    LOG.debug("incident {} on {}: {}", type, instance, message);
    return incident;
  }

  /** Removes the incident of an instance that goes away (terminated). */
  public void removeFor(ElementInstance instance) {
    if (instance.incidentKey >= 0) {
      state.incidents.remove(instance.incidentKey);
      instance.incidentKey = -1;
    }
  }
}
