package dev.modelgate.discussion.pages;

import dev.modelgate.discussion.DiscussionActions;
import dev.modelgate.discussion.Discussions;
import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.SubjectPages;
import dev.modelgate.pages.SubjectSection;
import dev.modelgate.pages.Viewer;
import java.util.Map;

/**
 * The discussion section every subject page shows (template fragment {@code fragments/discussion}), with
 * the API's actions: readers may read the subject's threads ({@link DiscussionActions#readOnSubject}), the
 * forms show only to those who may start one ({@link DiscussionActions#startThread}).
 */
public final class DiscussionSection implements SubjectSection {

  private final PageKit kit;
  private final Discussions discussions;
  private final DiscussionActions actions;

  public DiscussionSection(PageKit kit, Discussions discussions, DiscussionActions actions) {
    this.actions = actions;
    this.kit = kit;
    this.discussions = discussions;
  }

  /** Shows the section on the page of every kind of subject a thread can be about. */
  public void contribute(SubjectPages subjects) {
    for (SubjectType type : SubjectType.values()) {
      subjects.contribute(type, this);
    }
  }

  @Override
  public void addTo(Map<String, Object> vars, Viewer viewer, PageCall call, Subject subject, Object resource) {
    vars.put("discussion", of(viewer, subject));
  }

  /** The section's data, or null when the viewer may not read the subject's discussion. */
  DiscussionView of(Viewer v, Subject subject) {
    if (!kit.allows(v, actions.readOnSubject, subject.team())) {
      return null;
    }
    return DiscussionView.of(discussions, subject, v, kit.allows(v, actions.startThread, subject.team()));
  }
}
