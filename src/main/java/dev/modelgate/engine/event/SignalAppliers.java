package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.SignalSubscriptionCreated;
import dev.modelgate.engine.event.EngineEvent.SignalSubscriptionDeleted;
import dev.modelgate.engine.event.EngineEvent.SignalSubscriptionTriggered;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.SignalSubscription;

/** Appliers of signal subscription events (a broadcast itself changes no state). */
final class SignalAppliers {
  private final EngineState state;

  SignalAppliers(EngineState state) {
    this.state = state;
  }

  void subscriptionCreated(SignalSubscriptionCreated e) {
    state.addSignalSubscription(new SignalSubscription(e.key(), e.elementInstanceKey(), e.processInstanceKey(),
        e.signalName(), e.targetElementId(), e.interrupting()));
    ElementInstance owner = state.instances.get(e.elementInstanceKey());
    if (owner != null) {
      owner.subscriptionKeys.add(e.key()); // shared with the owner's message subscriptions
    }
  }

  void subscriptionTriggered(SignalSubscriptionTriggered e) {
    if (e.interrupting()) {
      remove(e.key());
    }
  }

  void subscriptionDeleted(SignalSubscriptionDeleted e) {
    remove(e.key());
  }

  private void remove(long key) {
    SignalSubscription s = state.signalSubscriptions.get(key);
    state.removeSignalSubscription(key);
    ElementInstance owner = s == null ? null : state.instances.get(s.elementInstanceKey());
    if (owner != null) {
      owner.subscriptionKeys.remove(key);
    }
  }
}
