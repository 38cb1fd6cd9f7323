package dev.modelgate.pages;

import dev.modelgate.access.Permission;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.discussion.Subject;

/**
 * The discussion section every subject page shows (template fragment {@code fragments/discussion}), with
 * the API's permissions: readers need {@link Permission#DISCUSSION_READ} on the subject's team, the forms
 * show only with {@link Permission#DISCUSSION_WRITE}.
 */
final class DiscussionSection {

  private DiscussionSection() {}

  /** The section's data, or null when the viewer may not read the subject's discussion. */
  static DiscussionView of(PageKit kit, Discussions discussions, Viewer v, Subject subject) {
    if (!kit.allows(v, Permission.DISCUSSION_READ, subject.team())) {
      return null;
    }
    return DiscussionView.of(discussions, subject, v, kit.allows(v, Permission.DISCUSSION_WRITE, subject.team()));
  }
}
