package dev.modelgate.engine.behavior;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.processing.StateWriter;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Incident;
import dev.modelgate.engine.state.Incident.IncidentType;
import dev.modelgate.engine.state.Incident.RetryStep;

/** Raises and removes incidents. An element with an open incident waits until it is resolved. */
public final class IncidentBehavior {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IncidentBehavior.class);
  private final EngineState state;
  private final StateWriter writer;

  public IncidentBehavior(EngineState state, StateWriter writer) {
    this.state = state;
    this.writer = writer;
  }

  public Incident raise(IncidentType type, String message, ElementInstance instance, long jobKey, RetryStep retry) {
    long key = state.nextKey();
    writer.append(new EngineEvent.IncidentCreated(key, type, message, instance.processInstanceKey, instance.key,
        jobKey, retry));
    LOG.debug("incident {} on {}: {}", type, instance, message);
    return state.incidents.get(key);
  }

  /** Resolves an incident (by a command, or because its instance goes away). */
  public void resolve(long incidentKey) {
    writer.append(new EngineEvent.IncidentResolved(incidentKey));
  }

  /** Removes the incident of an instance that goes away (terminated). */
  public void removeFor(ElementInstance instance) {
    if (instance.incidentKey >= 0) {
      resolve(instance.incidentKey);
    }
  }
}
