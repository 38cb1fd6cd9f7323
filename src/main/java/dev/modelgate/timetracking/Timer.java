package dev.modelgate.timetracking;

import java.time.Instant;

/** A running timer: at most one per user (the user name is the document id). */
public record Timer(String id, String user, String projectId, String team, Activity activity, String note,
    boolean billable, TimeEntry.Link link, String role, Instant startedAt) {}
