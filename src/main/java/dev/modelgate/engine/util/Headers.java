package dev.modelgate.engine.util;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Custom headers in the state, in name order: the same content gives the same iteration order however
 * it was built (live, from the log, from a snapshot), so that snapshots and state digests agree.
 */
public final class Headers {
  private Headers() {}

  public static Map<String, String> sorted(Map<String, String> headers) {
    return Collections.unmodifiableMap(new TreeMap<>(headers));
  }
}
