package dev.modelgate.costbenefit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.registry.ModelVersionRepository;
import dev.modelgate.registry.ProjectRepository;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.TeamRepository;
import dev.modelgate.store.Store;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.MovableClock;
import dev.modelgate.support.TestServer;
import dev.modelgate.timetracking.TimeTracking;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cost–benefit on a worked example whose figures are computed by hand below. The server's clock starts at a
 * fixed instant, so the 30- and 90-day windows and the payback date never depend on the day the suite runs.
 */
class CostBenefitApiTest {

  static final MovableClock CLOCK = MovableClock.startingAt(Instant.parse("2026-11-18T12:00:00Z"));
  static final double CENT = 0.005;
  static TestServer server;
  static ApiClient lead;
  static ApiClient engineer;
  static ApiClient product;
  static String project;
  static LocalDate today;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of(), CLOCK);
    server.createTeam("risk");
    lead = server.createUser("lena", "risk", List.of("lead"));
    engineer = server.createUser("eve", "risk", List.of("engineer"));
    product = server.createUser("pat", "risk", List.of("product"));
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "fraud").put("name", "Fraud")
        .put("expectedBenefitPerMonth", 3000).put("currency", "EUR"));
    assertEquals(201, p.status(), p::toString);
    project = p.json().getString("id");
    today = LocalDate.parse("2026-11-18");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String daysAgo(int days) {
    return today.minusDays(days).toString();
  }

  static void log(ApiClient who, String duration, int daysAgo) {
    ApiResponse r = who.post("/projects/" + project + "/time-entries", new JsonObject().put("duration", duration)
        .put("date", daysAgo(daysAgo)).put("activity", "training"));
    assertEquals(201, r.status(), r::toString);
  }

  static void ledger(ApiClient who, String kind, double amount, int daysAgo) {
    ApiResponse r = who.post("/projects/" + project + "/" + kind, new JsonObject().put("amount", amount)
        .put("date", daysAgo(daysAgo)).put("category", "gpu"));
    assertEquals(201, r.status(), r::toString);
  }

  static TimeTracking tracking() {
    Store store = server.server().store();
    Registry registry = new Registry(new TeamRepository(store), new ProjectRepository(store),
        new ModelVersionRepository(store), CLOCK);
    return TimeTracking.onStore(store, registry, new AccessPolicy(), CLOCK);
  }

  @Test
  void workedExample() {
    ApiResponse rates = lead.put("/teams/risk/rates", new JsonObject().put("currency", "EUR")
        .put("hourly", new JsonObject().put("engineer", 100).put("lead", 150)));
    assertEquals(200, rates.status(), rates::toString);

    // Time: eve (engineer, 100/h) 10h 11 days ago, 6h 60 days ago, 4h 200 days ago; lena (lead, 150/h) 4h 6 days ago.
    log(engineer, "1d 2h", 11);
    log(engineer, "6h", 60);
    log(engineer, "4h", 200);
    log(lead, "4h", 6);
    // Infrastructure: 300 thirty days ago (just outside the 30-day window), 200 sixteen days ago, 500 long ago.
    ledger(engineer, "costs", 300, 30);
    ledger(lead, "costs", 200, 16);
    ledger(engineer, "costs", 500, 240);
    // Realised benefit: 1200 45 days ago, 600 16 days ago.
    ledger(product, "benefits", 1200, 45);
    ledger(lead, "benefits", 600, 16);
    // Workflow steps: 6h waiting for peer review, 2h for compliance sign-off, 2h automated deployment.
    TimeTracking t = tracking();
    t.recordWorkflowStepTime(project, "wf-1", "peer-review", "engineer", Duration.ofHours(6), "k1");
    t.recordWorkflowStepTime(project, "wf-1", "compliance-signoff", "compliance", Duration.ofHours(2), "k2");
    t.recordWorkflowStepTime(project, "wf-1", "deploy-to-staging", null, Duration.ofHours(2), "k3");

    ApiResponse r = product.get("/projects/" + project + "/cost-benefit");
    assertEquals(200, r.status(), r::toString);
    JsonObject a = r.json();
    assertEquals("EUR", a.getString("currency"));
    // labour: eve 20h × 100 = 2000, lena 4h × 150 = 600
    assertEquals(24.0, a.getJsonObject("labour").getDouble("hours"), CENT);
    assertEquals(2600.0, a.getJsonObject("labour").getDouble("cost"), CENT);
    JsonArray byRole = a.getJsonObject("labour").getJsonArray("byRole");
    assertEquals(new JsonObject().put("role", "engineer").put("hours", 20.0).put("rate", 100.0).put("cost", 2000.0),
        byRole.getJsonObject(0));
    assertEquals(new JsonObject().put("role", "lead").put("hours", 4.0).put("rate", 150.0).put("cost", 600.0),
        byRole.getJsonObject(1));
    // infrastructure 300 + 200 + 500; cost to date 2600 + 1000
    assertEquals(1000.0, a.getDouble("infrastructureToDate"), CENT);
    assertEquals(3600.0, a.getDouble("costToDate"), CENT);
    // 30 days: labour 1000 + 600, infrastructure 200 → 1800 a month
    JsonObject r30 = a.getJsonObject("runRate").getJsonObject("last30Days");
    assertEquals(1600.0, r30.getDouble("labour"), CENT);
    assertEquals(200.0, r30.getDouble("infrastructure"), CENT);
    assertEquals(1800.0, r30.getDouble("perMonth"), CENT);
    // 90 days: labour 1600 + 600, infrastructure 300 + 200 → 2700, i.e. 900 a month
    JsonObject r90 = a.getJsonObject("runRate").getJsonObject("last90Days");
    assertEquals(2200.0, r90.getDouble("labour"), CENT);
    assertEquals(500.0, r90.getDouble("infrastructure"), CENT);
    assertEquals(2700.0, r90.getDouble("total"), CENT);
    assertEquals(900.0, r90.getDouble("perMonth"), CENT);
    // benefit: 1800 realised, all within 90 days → 600 a month
    JsonObject benefit = a.getJsonObject("benefit");
    assertEquals(3000.0, benefit.getDouble("expectedPerMonth"), CENT);
    assertEquals(1800.0, benefit.getDouble("realisedToDate"), CENT);
    assertEquals(600.0, benefit.getDouble("realisedPerMonthLast90Days"), CENT);
    // payback on expected benefit: (3600 − 1800) / (3000 − 900) = 0.857… months → 26 days
    JsonObject expected = a.getJsonObject("payback").getJsonObject("onExpectedBenefit");
    assertEquals(1800.0, expected.getDouble("remaining"), CENT);
    assertEquals(2100.0, expected.getDouble("netPerMonth"), CENT);
    assertEquals(0.86, expected.getDouble("months"), CENT);
    assertEquals(today.plusDays(26).toString(), expected.getString("estimatedDate"));
    assertFalse(expected.getBoolean("paidBack"));
    // payback on realised benefit: 600 − 900 < 0 → none at this rate
    JsonObject realised = a.getJsonObject("payback").getJsonObject("onRealisedBenefit");
    assertEquals(-300.0, realised.getDouble("netPerMonth"), CENT);
    assertNull(realised.getValue("months"));
    // waiting: (6 + 2) / (6 + 2 + 2)
    JsonObject waiting = a.getJsonObject("waiting");
    assertEquals(10.0, waiting.getDouble("stepHours"), CENT);
    assertEquals(8.0, waiting.getDouble("humanStepHours"), CENT);
    assertEquals(0.8, waiting.getDouble("shareWaitingOnReviewsAndSignOffs"), 1e-9);

    // an as-of date before the newer half of the data: 90-day window [as-of − 89, as-of]
    JsonObject earlier = lead.get("/projects/" + project + "/cost-benefit?asOf=" + daysAgo(20)).json();
    // labour: 6h (60 d) + 4h (200 d) of eve = 1000; infrastructure 300 + 500 = 800
    assertEquals(1800.0, earlier.getDouble("costToDate"), CENT);

    // a role without a rate is listed and costs nothing
    log(product, "1h", 1);
    JsonObject withProduct = lead.get("/projects/" + project + "/cost-benefit").json();
    assertEquals(2600.0, withProduct.getJsonObject("labour").getDouble("cost"), CENT);
    assertEquals(new JsonArray().add("product"), withProduct.getJsonObject("labour").getJsonArray("rolesWithoutRate"));

    JsonObject costs = engineer.get("/projects/" + project + "/costs").json();
    assertEquals(3, costs.getJsonArray("items").size());
    assertEquals(1000.0, costs.getDouble("total"), CENT);
    assertEquals(daysAgo(240), costs.getJsonArray("items").getJsonObject(0).getString("date"));
    assertEquals(1800.0, engineer.get("/projects/" + project + "/benefits").json().getDouble("total"), CENT);
  }

  @Test
  void ratesAndLedgersFollowTheRoles() {
    assertEquals(403, engineer.get("/teams/risk/rates").status());
    assertEquals(403, engineer.put("/teams/risk/rates", new JsonObject().put("hourly", new JsonObject())).status());
    assertEquals(200, server.admin().get("/teams/risk/rates").status());
    ApiResponse bad = lead.put("/teams/risk/rates", new JsonObject().put("hourly",
        new JsonObject().put("wizard", 10).put("engineer", -1)));
    assertEquals(400, bad.status());
    assertEquals(2, bad.json().getJsonArray("errors").size());
    assertEquals(403, product.post("/projects/" + project + "/costs", new JsonObject().put("amount", 1)).status());
    assertEquals(403, engineer.post("/projects/" + project + "/benefits", new JsonObject().put("amount", 1)).status());
    ApiResponse zero = lead.post("/projects/" + project + "/costs", new JsonObject().put("amount", 0));
    assertEquals(400, zero.status());
    assertEquals("amount", zero.json().getString("field"));
    assertEquals(400, lead.get("/projects/" + project + "/cost-benefit?asOf=soon").status());
    // rate changes are audited
    assertEquals(200, lead.put("/teams/risk/rates", new JsonObject().put("currency", "EUR")
        .put("hourly", new JsonObject().put("engineer", 100).put("lead", 150))).status());
    JsonArray audit = server.admin().get("/audit?action=team.rates-set").items();
    assertTrue(audit.size() >= 1, audit::toString);
  }

  @Test
  void ledgersArePagedInDateOrderWithTheWholeLedgersTotal() {
    ApiResponse p = lead.post("/teams/risk/projects", new JsonObject().put("slug", "paged").put("name", "Paged"));
    assertEquals(201, p.status(), p::toString);
    String paged = p.json().getString("id");
    // Recorded out of date order, across several months; two on the same day.
    int[] daysAgo = {3, 95, 40, 3, 200, 61, 10};
    double total = 0;
    for (int i = 0; i < daysAgo.length; i++) {
      ApiResponse r = engineer.post("/projects/" + paged + "/costs", new JsonObject().put("amount", 10 + i)
          .put("date", daysAgo(daysAgo[i])));
      assertEquals(201, r.status(), r::toString);
      total += 10 + i;
    }
    List<JsonObject> seen = new java.util.ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      ApiResponse r = engineer.get("/projects/" + paged + "/costs?limit=3" + (after == null ? "" : "&after=" + after));
      assertEquals(200, r.status(), r::toString);
      assertEquals(total, r.json().getDouble("total"), CENT, "the whole ledger's total on every page");
      assertEquals(daysAgo.length, r.json().getInteger("count"));
      assertTrue(r.items().size() <= 3);
      r.items().forEach(o -> seen.add((JsonObject) o));
      after = r.json().getString("next");
      pages++;
    } while (after != null && pages < 10);
    assertEquals(3, pages);
    assertEquals(daysAgo.length, seen.size());
    assertEquals(daysAgo.length, seen.stream().map(o -> o.getString("id")).distinct().count(), "no item twice");
    List<String> dates = seen.stream().map(o -> o.getString("date")).toList();
    assertEquals(dates.stream().sorted().toList(), dates, "oldest first");
    assertEquals(daysAgo(200), dates.getFirst());
    assertEquals(400, engineer.get("/projects/" + paged + "/costs?after=garbage").status());
    assertEquals(400, engineer.get("/projects/" + paged + "/benefits?limit=500").status());
    JsonObject empty = engineer.get("/projects/" + paged + "/benefits").json();
    assertEquals(0, empty.getJsonArray("items").size());
    assertEquals(0, empty.getInteger("count"));
    assertEquals(null, empty.getString("next"));
  }
}
