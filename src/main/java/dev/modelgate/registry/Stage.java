package dev.modelgate.registry;

import java.util.Arrays;
import java.util.Optional;

/** Where a model version is in its life. Only workflows move a version between stages. */
public enum Stage {
  NONE, STAGING, CANARY, PRODUCTION, ARCHIVED;

  public String id() {
    return name().toLowerCase();
  }

  public static Optional<Stage> parse(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
