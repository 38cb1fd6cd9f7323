package dev.modelgate.engine.event;

import dev.modelgate.engine.event.EngineEvent.MessageCorrelated;
import dev.modelgate.engine.event.EngineEvent.MessageExpired;
import dev.modelgate.engine.event.EngineEvent.MessagePublished;
import dev.modelgate.engine.event.EngineEvent.MessageSubscriptionCorrelated;
import dev.modelgate.engine.event.EngineEvent.MessageSubscriptionCreated;
import dev.modelgate.engine.event.EngineEvent.MessageSubscriptionDeleted;
import dev.modelgate.engine.state.BufferedMessage;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.MessageSubscription;

/** Appliers of message and message subscription events. */
final class MessageAppliers {
  private final EngineState state;

  MessageAppliers(EngineState state) {
    this.state = state;
  }

  void subscriptionCreated(MessageSubscriptionCreated e) {
    state.addSubscription(new MessageSubscription(e.key(), e.elementInstanceKey(), e.processInstanceKey(),
        e.messageName(), e.correlationKey(), e.targetElementId(), e.interrupting()));
    ElementInstance owner = state.instances.get(e.elementInstanceKey());
    if (owner != null) {
      owner.subscriptionKeys.add(e.key());
    }
  }

  void subscriptionCorrelated(MessageSubscriptionCorrelated e) {
    if (e.interrupting()) {
      remove(e.key());
    }
  }

  void subscriptionDeleted(MessageSubscriptionDeleted e) {
    remove(e.key());
  }

  private void remove(long key) {
    MessageSubscription s = state.subscriptions.get(key);
    state.removeSubscription(key);
    ElementInstance owner = s == null ? null : state.instances.get(s.elementInstanceKey());
    if (owner != null) {
      owner.subscriptionKeys.remove(key);
    }
  }

  void published(MessagePublished e) {
    if (e.expiresAt() > 0) {
      state.addMessage(new BufferedMessage(e.key(), e.name(), e.correlationKey(), e.messageId(), e.variables(),
          e.expiresAt(), e.correlatedProcessInstances()));
    }
  }

  void correlated(MessageCorrelated e) {
    state.messages.get(e.key()).correlatedProcessInstances().add(e.processInstanceKey());
  }

  void expired(MessageExpired e) {
    state.removeMessage(e.key());
  }
}
