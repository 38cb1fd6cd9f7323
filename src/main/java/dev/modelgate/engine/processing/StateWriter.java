package dev.modelgate.engine.processing;

import dev.modelgate.engine.event.EngineEvent;
import dev.modelgate.engine.event.EventApplier;
import dev.modelgate.engine.log.LoggedRecord;
import dev.modelgate.engine.state.EngineState;
import java.util.ArrayList;
import java.util.List;

/**
 * How processing changes state: {@link #append} gives the event the next log position and the
 * command's time, keeps it for the batch's log write, and applies it at once, so that what processing
 * reads next already includes it. Replay applies the logged records through the same {@link
 * EventApplier}, without any processing.
 */
public final class StateWriter {
  private final EventApplier applier;
  private final EngineState state;
  private final List<LoggedRecord> records = new ArrayList<>();
  private long timestamp;

  public StateWriter(EventApplier applier) {
    this.applier = applier;
    this.state = applier.state();
  }

  /** The time the following events carry (the command's). */
  void setTimestamp(long timestamp) {
    this.timestamp = timestamp;
  }

  public void append(EngineEvent event) {
    long position = state.lastPosition() + 1;
    long processInstanceKey = RecordScope.processInstanceOf(event, state);
    applier.apply(event);
    state.setLastPosition(position);
    records.add(new LoggedRecord(position, timestamp, processInstanceKey, event));
  }

  /** The records appended since the last call, for the batch's log write. */
  List<LoggedRecord> take() {
    if (records.isEmpty()) {
      return List.of();
    }
    List<LoggedRecord> out = new ArrayList<>(records);
    records.clear();
    return out;
  }

  int pending() {
    return records.size();
  }

  /** Replay: applies a logged record; no processor runs. */
  public static void replay(EventApplier applier, LoggedRecord record) {
    applier.apply(record.event());
    applier.state().setLastPosition(record.position());
  }
}
