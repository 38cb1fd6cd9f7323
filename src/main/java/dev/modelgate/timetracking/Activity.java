package dev.modelgate.timetracking;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the time was spent on. */
public enum Activity {
  EXPERIMENTATION, FEATURE_ENGINEERING, DATA_PREPARATION, TRAINING, VALIDATION, REVIEW, COMPLIANCE, DEPLOYMENT,
  MONITORING, OTHER;

  public String id() {
    return name().toLowerCase().replace('_', '-');
  }

  public static Optional<Activity> parse(String id) {
    return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Activity::id).toList();
  }

  public static String hint() {
    return "must be one of " + String.join(", ", ids());
  }
}
