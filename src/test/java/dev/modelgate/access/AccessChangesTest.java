package dev.modelgate.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelgate.ModelGate;
import dev.modelgate.config.ConfigLoader;
import dev.modelgate.support.ApiClient;
import dev.modelgate.support.ApiResponse;
import dev.modelgate.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change of roles, a removal from a team and a token revocation apply at the very next request, however
 * warm the caches are, on this replica and on a second one sharing the store (a second server in this JVM
 * whose MONGODB_URI points at the first one's embedded store).
 */
class AccessChangesTest {

  static TestServer first;
  static ModelGate second;
  static String secondUrl;

  @BeforeAll
  static void start() throws Exception {
    first = TestServer.start();
    String uri = first.server().store().embeddedConnectionString().orElseThrow();
    second = ModelGate.start(ConfigLoader.load(Map.of(
        "MODELGATE_HTTP_PORT", "0",
        "MODELGATE_DATA_DIR", Files.createTempDirectory("modelgate-replica-").toString(),
        "MODELGATE_ENGINE_ADDRESS", "127.0.0.1:0",
        "MODELGATE_ENGINE_REST_ADDRESS", "127.0.0.1:0",
        "MONGODB_URI", uri), new String[0]));
    secondUrl = "http://127.0.0.1:" + second.httpPort() + "/api/v1";
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    first.close();
  }

  /** A team with a project, and its id. */
  static String project(String team) {
    return "/projects/" + projectId(team);
  }

  static String projectId(String team) {
    first.createTeam(team);
    ApiResponse p = first.admin().post("/teams/" + team + "/projects",
        new JsonObject().put("slug", "p-" + team).put("name", "Project"));
    assertEquals(201, p.status(), p::toString);
    return p.json().getString("id");
  }

  static String token(ApiClient owner, String team, String... roles) {
    ApiResponse r = owner.post("/tokens", new JsonObject().put("name", "ci").put("team", team)
        .put("roles", new JsonArray(List.of(roles))).put("expiresInDays", 7));
    assertEquals(201, r.status(), r::toString);
    return r.json().getString("token");
  }

  /** Registers a model version under {@code project}: "/projects/{id}", or the second replica's full URL of it. */
  static ApiResponse register(ApiClient as, String project, String version) {
    return as.post(project + "/model-versions", new JsonObject().put("model", "m")
        .put("version", version).put("metrics", new JsonObject().put("auc", 0.9)));
  }

  static int versions(String project) {
    ApiResponse r = first.admin().get(project + "/model-versions");
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("items").size();
  }

  static void refused(ApiResponse r) {
    assertTrue(Set.of(403, 404).contains(r.status()), r::toString);
  }

  @Test
  void aTokenWhoseOwnerWasRemovedWritesNothingAtTheNextRequest() {
    String project = project("ac-removed");
    ApiClient owner = first.createUser("ac-rita", "ac-removed", List.of("engineer"));
    ApiClient ci = first.anonymous().withAuthorization("Bearer " + token(owner, "ac-removed", "engineer"));
    assertEquals(201, register(ci, project, "1").status(), "the token works and is now cached");
    first.grant("ac-rita", "ac-removed", List.of());
    refused(register(ci, project, "2"));
    assertEquals(1, versions(project));
  }

  @Test
  void aDowngradeFromEngineerToViewerRefusesTheNextWriteByTokenAndByBasic() {
    String project = project("ac-down");
    ApiClient basic = first.createUser("ac-dan", "ac-down", List.of("engineer"));
    ApiClient ci = first.anonymous().withAuthorization("Bearer " + token(basic, "ac-down", "engineer"));
    assertEquals(201, register(ci, project, "1").status());
    assertEquals(201, register(basic, project, "2").status());
    first.grant("ac-dan", "ac-down", List.of("viewer"));
    refused(register(ci, project, "3"));
    assertEquals(403, register(basic, project, "4").status());
    assertEquals(2, versions(project));
    assertEquals(200, basic.get(project).status(), "a viewer still reads");
  }

  @Test
  void aRevokedTokenIs401AtTheNextRequest() {
    String project = project("ac-revoked");
    ApiClient owner = first.createUser("ac-rob", "ac-revoked", List.of("engineer"));
    JsonObject created = owner.post("/tokens", new JsonObject().put("name", "ci").put("team", "ac-revoked")
        .put("roles", new JsonArray().add("engineer"))).json();
    ApiClient ci = first.anonymous().withAuthorization("Bearer " + created.getString("token"));
    assertEquals(200, ci.get(secondUrl + project).status(), "cached on the second replica");
    assertEquals(200, ci.get(project).status(), "and on the first");
    assertEquals(204, owner.delete("/tokens/" + created.getString("id")).status());
    assertEquals(401, ci.get(project).status());
    assertEquals(401, ci.get(secondUrl + project).status());
    assertEquals(401, register(ci, secondUrl + project, "1").status());
    assertEquals(0, versions(project));
  }

  @Test
  void aRemovalThroughOneReplicaBitesAtTheOtherReplicasNextRequest() {
    String project = project("ac-replica");
    ApiClient basic = first.createUser("ac-ria", "ac-replica", List.of("engineer"));
    ApiClient ci = first.anonymous().withAuthorization("Bearer " + token(basic, "ac-replica", "engineer"));
    String onSecond = secondUrl + project;
    assertEquals(201, register(ci, onSecond, "1").status(), "token cached on the second replica");
    assertEquals(201, register(basic, onSecond, "2").status(), "credential cached on the second replica");
    first.grant("ac-ria", "ac-replica", List.of("viewer"));
    refused(register(ci, onSecond, "3"));
    assertEquals(403, register(basic, onSecond, "4").status());
    first.grant("ac-ria", "ac-replica", List.of());
    refused(basic.get(onSecond));
    refused(ci.get(onSecond));
    assertEquals(2, versions(project));
  }
}
