package dev.modelgate.timetracking;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Time someone spent on a project. {@code role} is the person's role in the team when the entry was
 * made: it picks the hourly rate in cost–benefit. {@code version} grows with every change, so a change
 * is a conditional single-document update.
 */
public record TimeEntry(String id, String projectId, String team, String user, String role, LocalDate date,
    long minutes, Activity activity, String note, boolean billable, Link link, Instant createdAt,
    Instant updatedAt, long version) {

  /** An optional link to what the time was spent on. */
  public record Link(String type, String id) {
    public static final String WORKFLOW = "workflow";
    public static final String MODEL_VERSION = "model-version";
  }

  /** What this entry contributes to the weekly counters and the list indexes. */
  public Contribution contribution() {
    return new Contribution(projectId, team, user, role, date, minutes, activity, billable, id);
  }

  /** The part of an entry that counters and list indexes are built from. */
  public record Contribution(String projectId, String team, String user, String role, LocalDate date, long minutes,
      Activity activity, boolean billable, String entryId) {}
}
