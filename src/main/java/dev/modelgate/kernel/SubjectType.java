package dev.modelgate.kernel;

import java.util.Arrays;
import java.util.Optional;

/** What a discussion thread can be about. */
public enum SubjectType {
  PROJECT("project"), MODEL_VERSION("model-version"), WORKFLOW("workflow");

  private final String id;

  SubjectType(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<SubjectType> parse(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }
}
