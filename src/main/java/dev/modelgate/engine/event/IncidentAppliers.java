package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.IncidentCreated;
import dev.modelgate.engine.event.EngineEvent.IncidentResolved;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Incident;

/** Appliers of incident events. */
final class IncidentAppliers {
  private final EngineState state;

  IncidentAppliers(EngineState state) {
    this.state = state;
  }

  void created(IncidentCreated e) {
    state.incidents.put(e.key(), new Incident(e.key(), e.type(), e.message(), e.processInstanceKey(),
        e.elementInstanceKey(), e.jobKey(), e.retry()));
    ElementInstance instance = state.instances.get(e.elementInstanceKey());
    if (instance != null) {
      instance.incidentKey = e.key();
    }
  }

  void resolved(IncidentResolved e) {
    Incident incident = state.incidents.remove(e.key());
    ElementInstance instance = incident == null ? null : state.instances.get(incident.elementInstanceKey());
    if (instance != null && instance.incidentKey == e.key()) {
      instance.incidentKey = -1;
    }
  }
}
