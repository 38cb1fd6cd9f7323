package dev.modelgate.pages;

import dev.modelgate.discussion.Subject;
import dev.modelgate.discussion.SubjectType;
import java.util.Map;

/**
 * A page that shows the discussion of one kind of subject (project, model version, workflow). The
 * discussion's forms post to {@link DiscussionPages}, which uses this to find the subject (with the page's
 * own read check), to come back to its page after a post, and to show the page again with a refused form.
 */
interface SubjectPage {

  SubjectType type();

  /** The subject with this id, if the viewer may see its page; the pages' 404 otherwise. */
  Subject subject(Viewer v, String id);

  /** The subject's page, with a refused form's field errors and submitted values in {@code failure}. */
  PageResult show(int status, Viewer v, PageCall call, Subject subject, Map<String, Object> failure);

  /** The subject's name and page, for the thread page's link back. */
  SubjectLink link(Subject subject);
}
