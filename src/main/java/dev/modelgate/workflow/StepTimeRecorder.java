package dev.modelgate.workflow;

import java.time.Instant;

/**
 * Where the inbox reports how long a human step took (the time-tracking feature sums these per project,
 * step and role). {@code key} is idempotent: recording the same key twice counts once.
 */
@FunctionalInterface
public interface StepTimeRecorder {

  void record(String key, String projectId, String team, String workflowId, String step, String role,
      long seconds, Instant finishedAt);

  StepTimeRecorder NONE = (key, projectId, team, workflowId, step, role, seconds, finishedAt) -> {};
}
