package dev.modelgate.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import dev.modelgate.web.ApiDocs;
import dev.modelgate.web.ApiRoute;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every API route × every role × own team vs. another team, against the one table below.
 *
 * <p>Each caller holds one role in team {@code alpha} (or is the platform admin, or a member of no team).
 * "own" addresses alpha's resources, "other" the same kind of resource in team {@code beta}. Requests
 * with a body send {@code {}}: a caller who gets past the permission check gets the handler's 400 and
 * nothing changes, so the table's numbers are exact statuses. Anonymous callers get 401 everywhere.
 * Someone outside an object's team (not its member, not the admin) gets 404, as for a missing id
 * ({@link #anOutsidersNotFoundIsAMissingIdsNotFound}); a member lacking the role gets 403.
 *
 * <p><b>Adding a route:</b> add one row to {@link #TABLE}; if its path has a new parameter, add what it
 * stands for in alpha and beta to {@link #FIXTURES} (created in {@link #start}); if the check needs a
 * query string or a body other than {@code {}}, add it to {@link #QUERIES} or {@link #BODIES}. A route in the server or
 * in the OpenAPI document without a row fails {@link #everyRouteHasARow} naming it.
 */
class AccessMatrixTest {

  static final List<String> ROLES = List.of("viewer", "product", "engineer", "compliance", "lead", "admin", "none");

  // @formatter:off
  static final String[] TABLE = {
    // method path                                  own team:  viewer product engineer compliance lead admin none | other team: same columns
    "GET    /me                                     | 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200",
    "POST   /users                                  | 403 403 403 403 403 400 403 | 403 403 403 403 403 400 403",
    "POST   /teams                                  | 403 403 403 403 403 400 403 | 403 403 403 403 403 400 403",
    "GET    /teams                                  | 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200",
    "GET    /teams/{team}                           | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /teams/{team}/members                   | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "PUT    /teams/{team}/members/{username}        | 403 403 403 403 400 400 404 | 404 404 404 404 404 400 404",
    "POST   /teams/{team}/projects                  | 403 403 403 403 400 400 404 | 404 404 404 404 404 400 404",
    "GET    /teams/{team}/projects                  | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /projects/{project}                     | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "POST   /projects/{project}/model-versions      | 403 403 400 403 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /projects/{project}/model-versions      | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /model-versions/{id}                    | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "POST   /tokens                                 | 400 400 400 400 400 400 400 | 400 400 400 400 400 400 400",
    "GET    /tokens                                 | 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200",
    "DELETE /tokens/{id}                            | 404 404 404 404 404 404 404 | 404 404 404 404 404 404 404",
    // audit
    "GET    /audit                                  | 403 403 403 200 200 200 403 | 403 403 403 200 200 200 403",
    "GET    /audit/verify                           | 403 403 403 200 200 200 403 | 403 403 403 200 200 200 403",
    "GET    /audit/export                           | 403 403 403 200 200 200 403 | 403 403 403 200 200 200 403",
    // time tracking (entries of {id} belong to another member: only their author changes them)
    "POST   /projects/{project}/time-entries        | 403 400 400 400 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /projects/{project}/time-entries        | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /time-entries/{id}                      | 404 404 404 404 200 200 404 | 404 404 404 404 404 200 404",
    "PATCH  /time-entries/{id}                      | 403 404 404 404 403 403 404 | 404 404 404 404 404 403 404",
    "DELETE /time-entries/{id}                      | 403 404 404 404 403 403 404 | 404 404 404 404 404 403 404",
    "POST   /timers/start                           | 400 400 400 400 400 400 400 | 400 400 400 400 400 400 400",
    "POST   /timers/stop                            | 404 404 404 404 404 404 404 | 404 404 404 404 404 404 404",
    "GET    /timers/current                         | 404 404 404 404 404 404 404 | 404 404 404 404 404 404 404",
    "GET    /reports/time                           | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    // cost-benefit
    "GET    /teams/{team}/rates                     | 403 403 403 403 200 200 404 | 404 404 404 404 404 200 404",
    "PUT    /teams/{team}/rates                     | 403 403 403 403 400 400 404 | 404 404 404 404 404 400 404",
    "POST   /projects/{project}/costs               | 403 403 400 403 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /projects/{project}/costs               | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "POST   /projects/{project}/benefits            | 403 400 403 403 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /projects/{project}/benefits            | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /projects/{project}/cost-benefit        | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    // maturity
    "GET    /maturity/questionnaire                 | 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200",
    "POST   /projects/{project}/maturity-assessments | 403 403 400 403 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /projects/{project}/maturity-assessments | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /projects/{project}/maturity-assessments/prefill | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    // workflows (fixtures: a running review with an open product-review task and a decided peer review; a
    // cancelled sign-off for the cancel row, so every row is repeatable)
    "GET    /teams/{team}/settings                  | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "PUT    /teams/{team}/settings                  | 403 403 403 403 200 200 404 | 404 404 404 404 404 200 404",
    "POST   /model-versions/{id}/workflows          | 403 403 400 403 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /workflows/{id}                         | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /projects/{project}/workflows           | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "POST   /workflows/{id}/messages/{name}         | 403 403 409 403 409 403 404 | 404 404 404 404 404 403 404",
    "POST   /workflows/{id}/cancel                  | 403 403 403 403 409 409 404 | 404 404 404 404 404 409 404",
    "POST   /teams/{team}/drift-events              | 403 403 400 403 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /projects/{project}/models/{model}/production-history | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /tasks                                  | 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200",
    "GET    /tasks/{id}                             | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "POST   /tasks/{id}/claim                       | 403 200 403 403 403 403 404 | 404 404 404 404 404 403 404",
    "POST   /tasks/{id}/unclaim                     | 403 200 409 409 409 403 404 | 404 404 404 404 404 403 404",
    "POST   /tasks/{id}/decision                    | 403 400 400 400 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /projects/{project}/approvals           | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /approvals/{id}                         | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    // discussions (comments of {id} belong to another member: only their author edits or deletes them)
    "GET    /threads                                | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "POST   /threads                                | 403 400 400 400 400 403 404 | 404 404 404 404 404 403 404",
    "GET    /threads/{id}                           | 200 200 200 200 200 200 404 | 404 404 404 404 404 200 404",
    "POST   /threads/{id}/comments                  | 403 400 400 400 400 403 404 | 404 404 404 404 404 403 404",
    "PATCH  /comments/{id}                          | 403 400 400 400 400 403 404 | 404 404 404 404 404 403 404",
    "DELETE /comments/{id}                          | 403 403 403 403 403 403 404 | 404 404 404 404 404 403 404",
    "POST   /comments/{id}/hide                     | 403 403 403 403 200 403 404 | 404 404 404 404 404 403 404",
    "POST   /comments/{id}/unhide                   | 403 403 403 403 200 403 404 | 404 404 404 404 404 403 404",
    // notifications and webhooks ({id} of a webhook: an unknown one, so nothing is deleted)
    "GET    /notifications                          | 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200",
    "GET    /notifications/stream                   | 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200",
    "POST   /notifications/{id}/read                | 404 404 404 404 404 404 404 | 404 404 404 404 404 404 404",
    "POST   /notifications/read-all                 | 204 204 204 204 204 204 204 | 204 204 204 204 204 204 204",
    "POST   /teams/{team}/webhooks                  | 403 403 403 403 400 400 404 | 404 404 404 404 404 400 404",
    "GET    /teams/{team}/webhooks                  | 403 403 403 403 200 200 404 | 404 404 404 404 404 200 404",
    "GET    /teams/{team}/webhooks/{id}             | 403 403 403 403 404 404 404 | 404 404 404 404 404 404 404",
    "DELETE /teams/{team}/webhooks/{id}             | 403 403 403 403 404 404 404 | 404 404 404 404 404 404 404",
    "GET    /teams/{team}/webhooks/{id}/deliveries  | 403 403 403 403 404 404 404 | 404 404 404 404 404 404 404",
    "POST   /teams/{team}/webhooks/{id}/disable     | 403 403 403 403 404 404 404 | 404 404 404 404 404 404 404",
    "POST   /teams/{team}/webhooks/{id}/enable      | 403 403 403 403 404 404 404 | 404 404 404 404 404 404 404",
  };
  // @formatter:on

  /**
   * What each path parameter stands for: {@code param} or {@code route param} (for a parameter whose
   * meaning depends on the route) → [alpha's value, beta's value]. Filled in {@link #start}.
   */
  static final Map<String, String[]> FIXTURES = new LinkedHashMap<>();

  /** Query strings for routes whose permission depends on one (same placeholders as paths). */
  static final Map<String, String> QUERIES = Map.of(
      "GET /reports/time", "?team={team}",
      "GET /threads", "?subject=project:{project}",
      "POST /threads", "?subject=project:{project}");

  /** Bodies for routes where {@code {}} would stop at validation before the interesting check. */
  static final Map<String, String> BODIES = Map.of(
      "PATCH /time-entries/{id}", "{\"note\":\"matrix\"}");

  static TestServer server;
  static final Map<String, ApiClient> callers = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.createTeam("alpha");
    server.createTeam("beta");
    for (String role : ROLES.subList(0, 5)) {
      callers.put(role, server.createUser("m-" + role, "alpha", List.of(role)));
    }
    callers.put("admin", server.admin());
    callers.put("none", server.createUser("m-none", null, List.of()));
    ApiClient betaEngineer = server.createUser("b-engineer", "beta", List.of("engineer", "lead"));

    String alphaProject = created(server.admin().post("/teams/alpha/projects", project()), "id");
    String betaProject = created(server.admin().post("/teams/beta/projects", project()), "id");
    String alphaVersion = created(callers.get("engineer").post("/projects/" + alphaProject + "/model-versions",
        version()), "id");
    String betaVersion = created(betaEngineer.post("/projects/" + betaProject + "/model-versions", version()), "id");
    // Time entries of another member (b-engineer, engineer in both teams): only their author may change them.
    server.grant("b-engineer", "alpha", List.of("engineer"));
    String alphaEntry = created(betaEngineer.post("/projects/" + alphaProject + "/time-entries", timeEntry()), "id");
    String betaEntry = created(betaEngineer.post("/projects/" + betaProject + "/time-entries", timeEntry()), "id");
    // Threads with a comment by b-engineer in both teams.
    String alphaThread = created(betaEngineer.post("/threads?subject=project:" + alphaProject,
        new JsonObject().put("title", "matrix")), "id");
    String betaThread = created(betaEngineer.post("/threads?subject=project:" + betaProject,
        new JsonObject().put("title", "matrix")), "id");
    String alphaComment = created(betaEngineer.post("/threads/" + alphaThread + "/comments",
        new JsonObject().put("text", "hello")), "id");
    String betaComment = created(betaEngineer.post("/threads/" + betaThread + "/comments",
        new JsonObject().put("text", "hello")), "id");
    String betaToken = created(betaEngineer.post("/tokens", new JsonObject().put("name", "ci").put("team", "beta")
        .put("roles", new JsonArray(List.of("engineer")))), "id");

    // Workflows: a review per team (its product-review task open, its peer review decided by a non-submitter),
    // and a sign-off per team cancelled at once.
    ApiClient betaReviewer = server.createUser("b-reviewer", "beta", List.of("engineer"));
    String[] reviews = {
        created(callers.get("engineer").post("/model-versions/" + alphaVersion + "/workflows",
            new JsonObject().put("type", "review")), "id"),
        created(betaEngineer.post("/model-versions/" + betaVersion + "/workflows",
            new JsonObject().put("type", "review")), "id")};
    String[] productTasks = {awaitTask(server.admin(), reviews[0], "product-review"),
        awaitTask(server.admin(), reviews[1], "product-review")};
    String[] approvals = {
        created(betaEngineer.post("/tasks/" + awaitTask(server.admin(), reviews[0], "peer-review") + "/decision",
            new JsonObject().put("decision", "approve")), "id"),
        created(betaReviewer.post("/tasks/" + awaitTask(server.admin(), reviews[1], "peer-review") + "/decision",
            new JsonObject().put("decision", "approve")), "id")};
    String[] cancelled = new String[2];
    for (int side = 0; side < 2; side++) {
      cancelled[side] = created((side == 0 ? callers.get("engineer") : betaEngineer).post("/model-versions/"
          + (side == 0 ? alphaVersion : betaVersion) + "/workflows", new JsonObject().put("type", "signoff")), "id");
      assertEquals(200, server.admin().post("/workflows/" + cancelled[side] + "/cancel", null).status());
    }
    FIXTURES.put("/model-versions/{id}/workflows id", new String[] {alphaVersion, betaVersion});
    FIXTURES.put("/workflows/{id} id", reviews);
    FIXTURES.put("/workflows/{id}/messages/{name} id", reviews);
    FIXTURES.put("name", new String[] {"deployment-finished", "deployment-finished"});
    FIXTURES.put("/workflows/{id}/cancel id", cancelled);
    FIXTURES.put("model", new String[] {"m", "m"});
    FIXTURES.put("/tasks/{id} id", productTasks);
    FIXTURES.put("/tasks/{id}/claim id", productTasks);
    FIXTURES.put("/tasks/{id}/unclaim id", productTasks);
    FIXTURES.put("/tasks/{id}/decision id", productTasks);
    FIXTURES.put("/approvals/{id} id", approvals);

    FIXTURES.put("team", new String[] {"alpha", "beta"});
    FIXTURES.put("username", new String[] {"m-viewer", "b-engineer"});
    FIXTURES.put("project", new String[] {alphaProject, betaProject});
    FIXTURES.put("/model-versions/{id} id", new String[] {alphaVersion, betaVersion});
    FIXTURES.put("/time-entries/{id} id", new String[] {alphaEntry, betaEntry});
    FIXTURES.put("/threads/{id} id", new String[] {alphaThread, betaThread});
    FIXTURES.put("/threads/{id}/comments id", new String[] {alphaThread, betaThread});
    FIXTURES.put("/comments/{id} id", new String[] {alphaComment, betaComment});
    FIXTURES.put("/comments/{id}/hide id", new String[] {alphaComment, betaComment});
    FIXTURES.put("/comments/{id}/unhide id", new String[] {alphaComment, betaComment});
    String unknown = "0123456789abcdef01234567";
    FIXTURES.put("/notifications/{id}/read id", new String[] {unknown, unknown});
    FIXTURES.put("/teams/{team}/webhooks/{id} id", new String[] {unknown, unknown});
    FIXTURES.put("/teams/{team}/webhooks/{id}/deliveries id", new String[] {unknown, unknown});
    FIXTURES.put("/teams/{team}/webhooks/{id}/disable id", new String[] {unknown, unknown});
    FIXTURES.put("/teams/{team}/webhooks/{id}/enable id", new String[] {unknown, unknown});
    // Tokens are personal: an unknown id, and another user's token, are both "not found".
    FIXTURES.put("/tokens/{id} id", new String[] {"0123456789abcdef01234567", betaToken});
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Row(String method, String path, Map<String, Integer> own, Map<String, Integer> other) {
    String key() {
      return method + " " + path;
    }
  }

  static Map<String, Row> table() {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : TABLE) {
      String[] cells = line.split("\\|");
      assertEquals(3, cells.length, () -> "row must be 'METHOD /path | 7 statuses | 7 statuses': " + line);
      String[] route = cells[0].trim().split("\\s+");
      String[] own = cells[1].trim().split("\\s+");
      String[] other = cells[2].trim().split("\\s+");
      assertTrue(route.length == 2 && own.length == ROLES.size() && other.length == ROLES.size(),
          () -> "row must be 'METHOD /path | 7 statuses | 7 statuses': " + line);
      Map<String, Integer> o = new LinkedHashMap<>();
      Map<String, Integer> t = new LinkedHashMap<>();
      for (int i = 0; i < ROLES.size(); i++) {
        o.put(ROLES.get(i), Integer.parseInt(own[i]));
        t.put(ROLES.get(i), Integer.parseInt(other[i]));
      }
      Row row = new Row(route[0].toUpperCase(Locale.ROOT), route[1], o, t);
      assertTrue(rows.put(row.key(), row) == null, () -> "two rows for " + row.key());
    }
    return rows;
  }

  /** Every route the server mounts and every operation the OpenAPI document lists, as "METHOD /path". */
  static Set<String> knownRoutes() {
    Set<String> routes = new TreeSet<>();
    for (ApiRoute r : server.server().api().routes()) {
      routes.add(r.method().name() + " " + r.openApiPath());
    }
    JsonNode paths = ApiDocs.openApiTree().get("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
        if (p.getValue().has(method)) {
          routes.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }
      }
    }
    return routes;
  }

  @Test
  void everyRouteHasARow() {
    Map<String, Row> rows = table();
    List<String> missing = knownRoutes().stream().filter(r -> !rows.containsKey(r)).toList();
    assertTrue(missing.isEmpty(), () -> "routes without a row in AccessMatrixTest.TABLE (add one line each, e.g. \""
        + (missing.isEmpty() ? "" : missing.getFirst().replace(" ", "    ")) + " | 200 200 200 200 200 200 403 | "
        + "403 403 403 403 403 200 403\"): " + missing);
    List<String> stale = rows.keySet().stream().filter(r -> !knownRoutes().contains(r)).toList();
    assertTrue(stale.isEmpty(), () -> "rows in AccessMatrixTest.TABLE for routes that do not exist: " + stale);
  }

  @Test
  void everyRoleGetsTheDeclaredStatusInOwnAndOtherTeam() {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (Row row : table().values()) {
      for (int side = 0; side < 2; side++) {
        String path = concretePath(row.path() + QUERIES.getOrDefault(row.key(), ""), side);
        Map<String, Integer> expected = side == 0 ? row.own() : row.other();
        for (String role : ROLES) {
          ApiResponse r = call(callers.get(role), row.method(), path,
              substitute(BODIES.getOrDefault(row.key(), "{}"), row.path(), side));
          checked++;
          if (r.status() != expected.get(role)) {
            mismatches.add(row.key() + " as " + role + " in " + (side == 0 ? "own" : "other") + " team: expected "
                + expected.get(role) + ", got " + r);
          }
        }
      }
    }
    assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    assertTrue(checked >= table().size() * 14);
  }

  /**
   * An outsider's 404 for another team's object is the 404 for an id that does not exist, body and all
   * (once the id is blanked out): it neither confirms the object nor names its team.
   */
  @Test
  void anOutsidersNotFoundIsAMissingIdsNotFound() {
    List<String> differences = new ArrayList<>();
    int compared = 0;
    for (Row row : table().values()) {
      String template = row.path() + QUERIES.getOrDefault(row.key(), "");
      Matcher first = PARAM.matcher(template);
      if (row.other().get("viewer") != 404 || !first.find()) {
        continue;
      }
      String param = first.group(1);
      String beta = FIXTURES.getOrDefault(row.path() + " " + param, FIXTURES.get(param))[1];
      String missing = param.equals("team") ? "no-such-team" : "0123456789abcdef01234567";
      String body = substitute(BODIES.getOrDefault(row.key(), "{}"), row.path(), 1);
      String path = concretePath(template, 1);
      ApiResponse outsider = call(callers.get("viewer"), row.method(), path, body);
      ApiResponse absent = call(callers.get("viewer"), row.method(),
          path.replaceFirst(Pattern.quote(beta), Matcher.quoteReplacement(missing)), body);
      compared++;
      String seen = outsider.status() + " " + outsider.contentType() + " " + outsider.body().replace(beta, "<id>");
      String expected = absent.status() + " " + absent.contentType() + " " + absent.body().replace(missing, "<id>");
      if (!seen.equals(expected)) {
        differences.add(row.key() + ": outsider " + seen + "\n    missing  " + expected);
      }
    }
    assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
    assertTrue(compared >= 40, "compared " + compared);
  }

  @Test
  void anonymousCallersGet401Everywhere() {
    List<String> mismatches = new ArrayList<>();
    for (Row row : table().values()) {
      ApiResponse r = call(server.anonymous(), row.method(),
          concretePath(row.path() + QUERIES.getOrDefault(row.key(), ""), 0), "{}");
      if (r.status() != 401) {
        mismatches.add(row.key() + ": " + r);
      }
    }
    assertTrue(mismatches.isEmpty(), () -> String.join("\n", mismatches));
  }

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One request; an event stream's status is taken and the stream closed (it would never end). */
  static ApiResponse call(ApiClient client, String method, String path, String json) {
    boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1" + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, hasBody ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
    if (hasBody) {
      b.header("Content-Type", "application/json");
    }
    if (client.authorization() != null) {
      b.header("Authorization", client.authorization());
    }
    try {
      HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        boolean stream = r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream");
        String text = stream ? "(event stream)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new ApiResponse(r.statusCode(), text, r.headers());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  static String concretePath(String template, int side) {
    return substitute(template, template.split("\\?")[0], side);
  }

  /** Replaces {@code {param}} in {@code text} by the fixture for {@code route}'s parameter on that side. */
  static String substitute(String text, String template, int side) {
    Matcher m = PARAM.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String[] values = FIXTURES.getOrDefault(template + " " + m.group(1), FIXTURES.get(m.group(1)));
      if (values == null) {
        fail("no fixture for path parameter {" + m.group(1) + "} of " + template
            + ": add alpha's and beta's value to AccessMatrixTest.FIXTURES (key \"" + m.group(1) + "\" or \""
            + template + " " + m.group(1) + "\")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(values[side]));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String created(ApiResponse r, String field) {
    assertEquals(201, r.status(), r::toString);
    return r.json().getString(field);
  }

  /** The id of the open task of {@code step} in a workflow, once the engine has handed it to the inbox. */
  static String awaitTask(ApiClient admin, String workflowId, String step) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject w = admin.get("/workflows/" + workflowId).json();
      for (Object o : w.getJsonArray("currentSteps")) {
        JsonObject step0 = (JsonObject) o;
        if (step.equals(step0.getString("elementId")) && step0.getString("taskId") != null) {
          return step0.getString("taskId");
        }
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no " + step + " task in workflow " + workflowId);
  }

  static JsonObject project() {
    return new JsonObject().put("slug", "p1").put("name", "Project");
  }

  static JsonObject timeEntry() {
    return new JsonObject().put("duration", "1h30m").put("activity", "experimentation").put("note", "matrix");
  }

  static JsonObject version() {
    return new JsonObject().put("model", "m").put("version", "1").put("metrics", new JsonObject().put("auc", 0.9));
  }
}
