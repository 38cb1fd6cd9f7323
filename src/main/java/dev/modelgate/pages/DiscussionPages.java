package dev.modelgate.pages;

import dev.modelgate.access.Permission;
import dev.modelgate.discussion.DiscussionThread;
import dev.modelgate.discussion.Discussions;

/**
 * {@code /threads/{id}}, the link mention notifications carry: the page of the thread's subject, at the
 * thread (model versions show their discussion; projects and workflows open at their page).
 */
final class DiscussionPages {

  private final PageKit kit;
  private final Discussions discussions;

  DiscussionPages(PageKit kit, Discussions discussions) {
    this.kit = kit;
    this.discussions = discussions;
  }

  void mount(PageMount mount) {
    mount.get("/threads/:id", this::thread);
  }

  private PageResult thread(PageCall call) {
    Viewer v = kit.viewer(call);
    DiscussionThread t = PageKit.load(() -> discussions.thread(call.path("id")));
    kit.require(v, Permission.DISCUSSION_READ, t.subject().team());
    String page = switch (t.subject().type()) {
      case MODEL_VERSION -> "/model-versions/" + t.subject().id() + "#thread-" + t.id();
      case PROJECT -> "/projects/" + t.subject().id();
      case WORKFLOW -> "/workflows/" + t.subject().id();
    };
    return PageResult.redirect(page);
  }
}
