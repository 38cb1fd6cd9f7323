package dev.modelgate.timetracking;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.feature.Background;
import dev.modelgate.feature.Edge;
import dev.modelgate.feature.Feature;
import dev.modelgate.feature.Foundation;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.RegistryActions;
import dev.modelgate.timetracking.api.TimeRoutes;
import dev.modelgate.timetracking.pages.ProjectTimeSection;
import dev.modelgate.timetracking.pages.TimePages;
import java.time.Duration;

/**
 * Time spent per project: entries, timers, workflow step times, and the reports built from them; the time
 * page and the time section of project pages. Half-applied entry changes are finished in the background.
 */
public final class TimeTrackingFeature implements Feature {

  private final Registry registry;
  private final TimeTracking timeTracking;
  private final TimeReports timeReports;
  private final TimeActions actions;
  private final RegistryActions registryActions;

  public TimeTrackingFeature(Foundation f, Registry registry, RegistryActions registryActions, AccessPolicy policy) {
    this.registry = registry;
    this.registryActions = registryActions;
    this.timeTracking = TimeTracking.onStore(f.store(), registry, policy, f.auditLog(), f.clock());
    timeTracking.ensureIndexes();
    this.timeReports = new TimeReports(timeTracking, registry, policy);
    this.actions = new TimeActions(registry, timeTracking);
  }

  public TimeTracking timeTracking() {
    return timeTracking;
  }

  public TimeReports timeReports() {
    return timeReports;
  }

  @Override
  public void mount(Edge edge) {
    edge.api().mount(new TimeRoutes(timeTracking, timeReports, registry, actions).table());
    new TimePages(edge.kit(), registry, timeTracking, timeReports, actions, registryActions).mount(edge.pages());
    ProjectTimeSection.contribute(edge.kit().subjects(), edge.kit(), timeReports);
  }

  @Override
  public void start(Background background) {
    background.every(Duration.ofMinutes(1), "time-entry repair",
        () -> timeTracking.repairPending(Duration.ofMinutes(1)));
  }
}
