package dev.modelgate.discussion;

import dev.modelgate.kernel.Subject;
import java.time.Instant;

/**
 * A discussion thread on one subject. It carries its subject's team (an extended reference: access checks
 * on the thread and its comments need no lookup of the subject) and the count of comment positions
 * allocated so far, which tells how many comment pages exist.
 */
public record DiscussionThread(String id, Subject subject, String title, String createdBy, Instant createdAt,
    long commentCount) {}
