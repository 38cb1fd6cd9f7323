package dev.modelgate.engine.state;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A published message kept for its time to live. */
public record BufferedMessage(long key, String name, String correlationKey, String messageId,
    Map<String, Object> variables, long expiresAt, Set<Long> correlatedProcessInstances) {

  public BufferedMessage {
    correlatedProcessInstances = new LinkedHashSet<>(correlatedProcessInstances);
  }
}
