package dev.modelgate.access;

import java.util.Arrays;
import java.util.Optional;

/** A role a person holds within one team. Roles are not ranked: a lead is not implicitly an engineer. */
public enum Role {
  VIEWER, PRODUCT, ENGINEER, COMPLIANCE, LEAD;

  public String id() {
    return name().toLowerCase();
  }

  public static Optional<Role> parse(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }
}
