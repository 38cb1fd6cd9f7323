package dev.modelgate.registry;

import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.registry.api.RegistryRoutes;
import dev.modelgate.registry.pages.ModelVersionPages;
import dev.modelgate.registry.pages.ProjectPages;

/**
 * Teams, projects and model versions: the registry every other feature refers to. Its project and model
 * version pages are subject pages the other features add their sections to.
 */
public final class RegistryFeature implements Feature {

  private final ModelVersionRepository modelVersions;
  private final Registry registry;
  private final RegistryActions actions;

  public RegistryFeature(Foundation f) {
    this.modelVersions = new ModelVersionRepository(f.store());
    this.registry = new Registry(new TeamRepository(f.store()), new ProjectRepository(f.store()), modelVersions,
        f.clock(), f.auditLog());
    registry.ensureIndexes();
    this.actions = new RegistryActions(registry);
  }

  public Registry registry() {
    return registry;
  }

  /** The registry's actions with their permissions, for the pages of features that open its subjects. */
  public RegistryActions actions() {
    return actions;
  }

  public ModelVersionRepository modelVersions() {
    return modelVersions;
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(new RegistryRoutes(registry, actions).table());
    ProjectPages projects = new ProjectPages(edge.kit(), registry, actions);
    ModelVersionPages versions = new ModelVersionPages(edge.kit(), registry, actions);
    projects.mount(edge.pages());
    versions.mount(edge.pages());
    edge.kit().subjects().register(projects);
    edge.kit().subjects().register(versions);
  }
}
