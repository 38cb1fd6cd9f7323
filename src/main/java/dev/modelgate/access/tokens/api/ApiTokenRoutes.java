package dev.modelgate.access.tokens.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.modelgate.access.Permission;
import dev.modelgate.access.Role;
import dev.modelgate.access.tokens.ApiToken;
import dev.modelgate.access.tokens.ApiTokens;
import dev.modelgate.access.tokens.NewApiToken;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.Reply;
import dev.modelgate.web.TeamScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The caller's own API tokens: create (value shown once), list, revoke. */
public final class ApiTokenRoutes {

  private final ApiTokens tokens;

  public ApiTokenRoutes(ApiTokens tokens) {
    this.tokens = tokens;
  }

  public List<ApiRoute> table() {
    return List.of(
        new ApiRoute(POST, "/tokens", Permission.AUTHENTICATED, TeamScope.platform(), JSON, this::create),
        new ApiRoute(GET, "/tokens", Permission.AUTHENTICATED, TeamScope.platform(), NONE, this::list),
        new ApiRoute(DELETE, "/tokens/:id", Permission.AUTHENTICATED, TeamScope.platform(), NONE, this::revoke));
  }

  static JsonObject json(ApiToken t) {
    return new JsonObject().put("id", t.id()).put("name", t.name()).put("team", t.team())
        .put("roles", new JsonArray(t.roles().stream().map(Role::id).sorted().toList()))
        .put("createdAt", t.createdAt().toString()).put("expiresAt", t.expiresAt().toString())
        .put("revokedAt", t.revokedAt().map(Object::toString).orElse(null));
  }

  private Reply create(ApiCall call) {
    ApiTokens.Issued issued = tokens.create(call.principal(), NewApiToken.parse(call.body()));
    return Reply.created(json(issued.token()).put("token", issued.value()), "/api/v1/tokens/" + issued.token().id());
  }

  private Reply list(ApiCall call) {
    JsonArray items = new JsonArray();
    tokens.ownedBy(call.principal()).forEach(t -> items.add(json(t)));
    return Reply.ok(new JsonObject().put("items", items).put("next", (String) null));
  }

  private Reply revoke(ApiCall call) {
    tokens.revoke(call.principal(), call.path("id"));
    return Reply.noContent();
  }
}
