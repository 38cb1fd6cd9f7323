package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.CompensationSubscriptionCreated;
import dev.modelgate.engine.event.EngineEvent.CompensationSubscriptionDeleted;
import dev.modelgate.engine.event.EngineEvent.CompensationSubscriptionTriggered;
import dev.modelgate.engine.state.CompensationSubscription;
import dev.modelgate.engine.state.EngineState;
import java.util.LinkedHashMap;

/** Appliers of compensation subscription events. */
final class CompensationAppliers {
  private final EngineState state;

  CompensationAppliers(EngineState state) {
    this.state = state;
  }

  void created(CompensationSubscriptionCreated e) {
    state.addCompensation(new CompensationSubscription(e.key(), e.processInstanceKey(), e.scopeKey(),
        e.activityInstanceKey(), e.activityId(), e.handlerId(),
        e.variables() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(e.variables())));
  }

  void triggered(CompensationSubscriptionTriggered e) {
    state.triggerCompensation(state.compensations.get(e.key()), e.throwEventKey(), e.handlerInstanceKey());
    state.keyUsed(e.handlerInstanceKey());
  }

  void deleted(CompensationSubscriptionDeleted e) {
    state.removeCompensation(e.key());
  }
}
