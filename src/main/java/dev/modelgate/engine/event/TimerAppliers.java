package dev.modelgate.engine.event;

import dev.modelgate.engine.behavior.TimerSchedule;
import dev.modelgate.engine.event.EngineEvent.TimerCanceled;
import dev.modelgate.engine.event.EngineEvent.TimerCreated;
import dev.modelgate.engine.event.EngineEvent.TimerTriggered;
import dev.modelgate.engine.state.ElementInstance;
import dev.modelgate.engine.state.EngineState;
import dev.modelgate.engine.state.Timer;

/** Appliers of timer events. */
final class TimerAppliers {
  private final EngineState state;

  TimerAppliers(EngineState state) {
    this.state = state;
  }

  void created(TimerCreated e) {
    state.addTimer(new Timer(e.key(), e.elementInstanceKey(), e.processDefinitionKey(), e.targetElementId(),
        new TimerSchedule(e.due(), e.repetitions(), e.interval())));
    ElementInstance owner = e.elementInstanceKey() < 0 ? null : state.instances.get(e.elementInstanceKey());
    if (owner != null) {
      owner.timerKeys.add(e.key());
    }
  }

  void triggered(TimerTriggered e) {
    remove(e.key());
  }

  void canceled(TimerCanceled e) {
    remove(e.key());
  }

  private void remove(long key) {
    Timer timer = state.removeTimer(key);
    ElementInstance owner = timer == null || timer.elementInstanceKey() < 0 ? null
        : state.instances.get(timer.elementInstanceKey());
    if (owner != null) {
      owner.timerKeys.remove(key);
    }
  }
}
