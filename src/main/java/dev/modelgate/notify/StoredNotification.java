package dev.modelgate.notify;

import java.time.Instant;

/** A notification in a person's list: its sequence number there (its id), when it arrived, whether read. */
public record StoredNotification(long seq, Notification notification, Instant createdAt, boolean read) {}
