package dev.modelgate.access.api;

import static dev.modelgate.web.ApiRoute.BodyKind.JSON;
import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.modelgate.access.AccessActions;
import dev.modelgate.access.Account;
import dev.modelgate.access.AccountRepository;
import dev.modelgate.access.LocalAccounts;
import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.access.TeamMembers;
import dev.modelgate.audit.AuditEvent;
import dev.modelgate.audit.AuditTrail;
import dev.modelgate.json.JsonFields;
import dev.modelgate.kernel.PasswordRules;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Who am I, local accounts (admin) and team membership (lead). */
public final class AccessRoutes {

  private final LocalAccounts accounts;
  private final Predicate<String> teamExists;
  private final AuditTrail audit;
  private final TeamMembers members;

  public AccessRoutes(LocalAccounts accounts, AccountRepository repository, Predicate<String> teamExists) {
    this(accounts, repository, teamExists, AuditTrail.NONE);
  }

  public AccessRoutes(LocalAccounts accounts, AccountRepository repository, Predicate<String> teamExists,
      AuditTrail audit) {
    this.accounts = accounts;
    this.teamExists = teamExists;
    this.audit = audit;
    this.members = new TeamMembers(accounts, repository, audit);
  }

  public List<ApiRoute> table() {
    return List.of(
        ApiRoute.of(GET, "/me", AccessActions.ME, NONE, this::me),
        ApiRoute.of(POST, "/users", AccessActions.CREATE_USER, JSON, this::createUser),
        ApiRoute.of(GET, "/teams/:team/members", AccessActions.READ_MEMBERS, "team", NONE, this::members),
        ApiRoute.of(PUT, "/teams/:team/members/:username", AccessActions.MANAGE_MEMBERS, "team", JSON,
            this::setMember));
  }

  public static JsonObject principalJson(Principal p) {
    JsonObject teams = new JsonObject();
    p.teamRoles().forEach((t, roles) -> teams.put(t, new JsonArray(roles.stream().map(Role::id).sorted().toList())));
    return new JsonObject().put("username", p.username()).put("displayName", p.displayName())
        .put("admin", p.admin()).put("teams", teams).put("source", p.source());
  }

  private Reply me(ApiCall call) {
    return Reply.ok(principalJson(call.principal()));
  }

  private Reply createUser(ApiCall call) {
    JsonFields f = JsonFields.of(call.body(), Set.of("username", "displayName", "password", "admin"));
    String username = f.requiredString("username", 63, LocalAccounts.USERNAME,
        "must be 2-63 lower-case letters, digits, '.', '_' or '-'");
    String displayName = f.optionalString("displayName", 200, null, null);
    String password = f.requiredString("password", 1024, null, null);
    if (password != null && password.length() < 12) {
      f.error("password", "must be at least 12 characters");
    } else if (password != null && PasswordRules.problem(password) != null) {
      f.error("password", PasswordRules.problem(password));
    }
    Boolean admin = f.optionalBoolean("admin");
    f.throwIfInvalid();
    if (!accounts.create(username, displayName == null ? username : displayName, password.toCharArray(),
        Boolean.TRUE.equals(admin), Map.of())) {
      throw Refusal.conflict("username", "user '" + username + "' already exists");
    }
    audit.record(new AuditEvent(call.principal().username(), "user.created", null, "user", username,
        Map.of("admin", Boolean.TRUE.equals(admin))));
    return Reply.created(principalJson(accounts.principal(username).orElseThrow()), "/api/v1/users/" + username);
  }

  private Reply members(ApiCall call) {
    requireTeam(call.team());
    JsonArray items = new JsonArray();
    for (Account a : members.of(call.team())) {
      items.add(new JsonObject().put("username", a.username()).put("displayName", a.displayName())
          .put("roles", new JsonArray(a.teamRoles().getOrDefault(call.team(), Set.of()).stream().map(Role::id)
              .sorted().toList())));
    }
    return Reply.ok(new JsonObject().put("items", items));
  }

  private Reply setMember(ApiCall call) {
    requireTeam(call.team());
    Set<Role> roles = TeamMembers.parseRoles(call.body());
    String username = call.path("username");
    members.setRoles(call.principal(), call.team(), username, roles);
    return Reply.ok(new JsonObject().put("username", username).put("team", call.team())
        .put("roles", new JsonArray(roles.stream().map(Role::id).sorted().toList())));
  }

  private void requireTeam(String team) {
    if (!teamExists.test(team)) {
      throw Refusal.notFound("no team '" + team + "'");
    }
  }
}
