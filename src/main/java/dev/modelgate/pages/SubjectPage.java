package dev.modelgate.pages;

import dev.modelgate.kernel.Subject;
import dev.modelgate.kernel.SubjectType;
import java.util.Map;

/**
 * The page of one kind of subject (project, model version, workflow), registered in {@link SubjectPages}.
 * Other features' forms shown on it (the discussion's, a workflow start) post to their own pages, which use
 * this to find the subject (with the page's own read check), to come back to its page after a post, and to
 * show the page again with a refused form.
 */
public interface SubjectPage {

  SubjectType type();

  /** The subject with this id, if the viewer may see its page; the pages' 404 otherwise. */
  Subject subject(Viewer v, String id);

  /** The subject's page, with a refused form's field errors and submitted values in {@code failure}. */
  PageResult show(int status, Viewer v, PageCall call, Subject subject, Map<String, Object> failure);

  /** The subject's name and page, for the thread page's link back. */
  SubjectLink link(Subject subject);
}
