package dev.modelgate.engine.state;

import java.util.Map;

/**
 * A completed activity that can still be compensated. {@code scopeKey} is the flow scope instance
 * the activity completed in; a completed sub-process (or multi-instance body) whose inner activities
 * left subscriptions gets one too, so that {@code scopeKey} chains reach from a throw event's scope
 * down into completed sub-processes. {@code handlerId} is null for such a pure container.
 * {@code variables} are the activity's local variables at its completion, handed to the handler.
 * Once a throw event triggered it, {@code throwEventKey} and {@code handlerInstanceKey} are set.
 */
public final class CompensationSubscription {
  public final long key;
  public final long processInstanceKey;
  public final long scopeKey;
  public final long activityInstanceKey;
  public final String activityId;
  public final String handlerId;
  public final Map<String, Object> variables;
  public long throwEventKey = -1;
  public long handlerInstanceKey = -1;

  public CompensationSubscription(long key, long processInstanceKey, long scopeKey, long activityInstanceKey,
      String activityId, String handlerId, Map<String, Object> variables) {
    this.key = key;
    this.processInstanceKey = processInstanceKey;
    this.scopeKey = scopeKey;
    this.activityInstanceKey = activityInstanceKey;
    this.activityId = activityId;
    this.handlerId = handlerId;
    this.variables = variables;
  }

  public boolean triggered() {
    return throwEventKey >= 0;
  }
}
