package dev.modelgate.notify;

/**
 * Something a person should know: a mention, a task waiting for their role, a decision on their
 * submission, a workflow outcome, a reminder. {@code link} is the page path to open.
 */
public record Notification(String recipient, String kind, String team, String subjectType, String subjectId,
    String title, String link) {}
