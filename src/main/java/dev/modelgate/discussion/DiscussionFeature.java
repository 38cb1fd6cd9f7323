package dev.modelgate.discussion;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.discussion.api.DiscussionRoutes;
import dev.modelgate.discussion.pages.DiscussionPages;
import dev.modelgate.discussion.pages.DiscussionSection;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.notify.Notifier;
import dev.modelgate.registry.Registry;
import java.util.Optional;
import java.util.function.Function;

/**
 * Discussions on projects, model versions and workflows: threads, comments (Markdown, @mentions notify),
 * edits, hiding; the thread page, and the discussion section it contributes to every subject page (the
 * subject's feature never imports discussion).
 */
public final class DiscussionFeature implements Feature {

  private final Discussions discussions;
  private final DiscussionActions actions;

  /** {@code workflowTeams} finds a workflow's team (the workflow feature's read model). */
  public DiscussionFeature(Foundation f, Registry registry, Function<String, Optional<String>> workflowTeams,
      TeamMembers members, Notifier notifier, AccessPolicy policy) {
    this.discussions = new Discussions(new DiscussionRepository(f.store()), new SubjectResolver(registry,
        workflowTeams), new MarkdownRenderer(), members, notifier, f.auditLog(), policy, f.clock());
    discussions.ensureIndexes();
    this.actions = new DiscussionActions(discussions);
  }

  public Discussions discussions() {
    return discussions;
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(new DiscussionRoutes(discussions, actions).table());
    new DiscussionPages(edge.kit(), discussions, actions).mount(edge.pages());
    new DiscussionSection(edge.kit(), discussions, actions).contribute(edge.kit().subjects());
  }
}
