package dev.modelgate.demo;

import dev.modelgate.access.LocalAccounts;
import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.registry.ModelVersion;
import dev.modelgate.registry.NewModelVersion;
import dev.modelgate.registry.NewProject;
import dev.modelgate.registry.NewTeam;
import dev.modelgate.registry.Project;
import dev.modelgate.registry.Registry;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo: team {@code fraud-detection}, six people with password {@code demo}, a project and two
 * model versions. Idempotent: what exists already is left alone.
 */
public final class DemoData {

  public static final String TEAM = "fraud-detection";
  public static final String PASSWORD = "demo";

  /** Demo people and their role in the demo team. */
  public record DemoUser(String username, String displayName, Role role) {}

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("alice", "Alice (compliance)", Role.COMPLIANCE),
      new DemoUser("bob", "Bob (engineer)", Role.ENGINEER),
      new DemoUser("carol", "Carol (product)", Role.PRODUCT),
      new DemoUser("dave", "Dave (lead)", Role.LEAD),
      new DemoUser("erin", "Erin (engineer)", Role.ENGINEER),
      new DemoUser("frank", "Frank (compliance)", Role.COMPLIANCE));

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final Registry registry;
  private final LocalAccounts accounts;
  private final ExecutorService blocking;

  public DemoData(Registry registry, LocalAccounts accounts, ExecutorService blocking) {
    this.registry = registry;
    this.accounts = accounts;
    this.blocking = blocking;
  }

  /** What the seed found or made: the demo project and its newest model version (null when it existed already). */
  public record Seeded(Project project, ModelVersion newVersion) {}

  public Seeded seed() throws Exception {
    Principal system = new Principal("demo-seed", "Demo seed", true, Map.of(), "local");
    if (!registry.teamExists(TEAM)) {
      registry.createTeam(system, new NewTeam(TEAM, "Fraud detection", "Demo team: card-fraud scoring models"));
    }
    // Hashing is deliberately slow; hash the six passwords side by side.
    List<Future<Boolean>> created = new ArrayList<>();
    for (DemoUser u : USERS) {
      created.add(blocking.submit(() -> !accounts.exists(u.username())
          && accounts.create(u.username(), u.displayName(), PASSWORD.toCharArray(), false,
              Map.of(TEAM, Set.of(u.role())))));
    }
    for (Future<Boolean> f : created) {
      f.get();
    }
    Project project = registry.projects(TEAM, new dev.modelgate.web.PageRequest(200, java.util.Optional.empty()))
        .items().stream().filter(p -> p.slug().equals("card-fraud")).findFirst()
        .orElseGet(() -> registry.createProject(TEAM, system, new NewProject("card-fraud", "Card fraud scoring",
            "Real-time scoring of card transactions", 40_000.0, 250_000.0, "EUR")));
    Principal bob = accounts.principal("bob").orElseThrow();
    ModelVersion newVersion = null;
    if (registry.versions(project, java.util.Optional.of("fraud-xgb"),
        new dev.modelgate.web.PageRequest(10, java.util.Optional.empty())).items().isEmpty()) {
      var first = registry.registerVersion(project, bob, NewModelVersion.parse(version("1.0.0", 0.91, 0.88, 0.86,
          "run-7f3a", null)));
      newVersion = registry.registerVersion(project, bob, NewModelVersion.parse(version("1.1.0", 0.93, 0.90, 0.89,
          "run-9c21", first.id())));
    }
    log.info("demo data ready: team '{}', users {} (password '{}')", TEAM,
        USERS.stream().map(u -> u.username() + "=" + u.role().id()).toList(), PASSWORD);
    return new Seeded(project, newVersion);
  }

  private static JsonObject version(String version, double auc, double euAuc, double usAuc, String run,
      String baseline) {
    JsonObject v = new JsonObject()
        .put("model", "fraud-xgb")
        .put("version", version)
        .put("metrics", new JsonObject().put("auc", auc).put("precision", auc - 0.07).put("recall", auc - 0.12))
        .put("segments", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("name", "region:eu").put("metrics", new JsonObject().put("auc", euAuc)))
            .add(new JsonObject().put("name", "region:us").put("metrics", new JsonObject().put("auc", usAuc))))
        .put("lineage", new JsonObject().put("runId", run)
            .put("runUri", "https://mlflow.example.com/#/experiments/3/runs/" + run)
            .put("datasetVersion", "transactions-2026-10").put("commit", "4e1d2c9")
            .put("params", new JsonObject().put("max_depth", 6).put("eta", 0.1)));
    if (baseline != null) {
      v.put("baselineVersionId", baseline);
    }
    return v;
  }
}
