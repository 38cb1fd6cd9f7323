package dev.modelgate.access.pages;

import dev.modelgate.access.Role;
import dev.modelgate.access.tokens.ApiToken;
import dev.modelgate.access.tokens.ApiTokens;
import dev.modelgate.access.tokens.NewApiToken;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.pages.Flash;
import dev.modelgate.pages.FormJson;
import dev.modelgate.pages.Formats;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.Viewer;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The viewer's personal API tokens ({@code /tokens}, for CI): the list, a form to create one (name, team,
 * roles, days to live; {@link ApiTokens} decides what is allowed), and revoke. A new token's value is shown
 * once, in the answer to the form (never in a redirect, cookie or later page: only its hash is stored).
 */
public final class TokenPages {

  private final PageKit kit;
  private final ApiTokens tokens;

  public TokenPages(PageKit kit, ApiTokens tokens) {
    this.kit = kit;
    this.tokens = tokens;
  }

  public void mount(PageMount mount) {
    mount.get("/tokens", this::list);
    mount.post("/tokens", this::create);
    mount.post("/tokens/:id/revoke", this::revoke);
  }

  /** A token as the list shows it. */
  public record Row(String id, String name, String team, String roles, String createdAt, String expiresAt,
      String status, boolean active) {}

  private PageResult list(PageCall call) {
    Viewer v = kit.viewer(call);
    return show(200, v, call, Map.of());
  }

  private PageResult show(int status, Viewer v, PageCall call, Map<String, Object> extra) {
    List<Row> rows = tokens.ownedBy(v.principal()).reversed().stream().map(this::row).toList();
    Map<String, Object> vars = new HashMap<>(extra);
    vars.put("tokens", rows);
    vars.put("teams", v.principal().teamRoles().keySet().stream().sorted().toList());
    vars.put("myRoles", v.principal().teamRoles().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().map(Role::id).sorted()
            .collect(Collectors.joining(", ")), (a, b) -> a, LinkedHashMap::new)));
    vars.put("roles", Arrays.stream(Role.values()).map(Role::id).toList());
    vars.put("defaultDays", NewApiToken.DEFAULT_DAYS);
    vars.put("maxDays", NewApiToken.MAX_DAYS);
    vars.putIfAbsent("checkedRoles", List.of());
    return kit.render(status, "tokens", "API tokens", v, call, vars);
  }

  private Row row(ApiToken t) {
    String status = t.revokedAt().isPresent() ? "revoked" : tokens.usableNow(t) ? "active" : "expired";
    return new Row(t.id(), t.name(), t.team(), t.roles().stream().map(Role::id).sorted()
        .collect(Collectors.joining(", ")), Formats.INSTANCE.time(t.createdAt()), Formats.INSTANCE.time(t.expiresAt()),
        status, status.equals("active"));
  }

  private PageResult create(PageCall call) {
    Viewer v = kit.formViewer(call);
    JsonObject body = new JsonObject();
    FormJson.text(body, call, "name");
    FormJson.text(body, call, "team");
    FormJson.all(call, "roles").ifPresent(r -> body.put("roles", r));
    FormJson.number(body, call, "expiresInDays");
    try {
      ApiTokens.Issued issued = tokens.create(v.principal(), NewApiToken.parse(body));
      return show(201, v, call, Map.of("issued", issued.value(), "issuedName", issued.token().name()));
    } catch (Refusal e) {
      Map<String, String> submitted = new LinkedHashMap<>();
      call.field("name").ifPresent(n -> submitted.put("name", n));
      call.field("team").ifPresent(t -> submitted.put("team", t));
      call.field("expiresInDays").ifPresent(d -> submitted.put("expiresInDays", d));
      PageKit.FormFailure failure = PageKit.FormFailure.of(e);
      Map<String, Object> vars = new HashMap<>(failure.vars("create", submitted));
      vars.put("checkedRoles", call.form().getAll("roles"));
      return show(failure.status(), v, call, vars);
    }
  }

  private PageResult revoke(PageCall call) {
    Viewer v = kit.formViewer(call);
    String id = call.path("id");
    String name = tokens.ownedBy(v.principal()).stream().filter(t -> t.id().equals(id)).map(ApiToken::name)
        .findFirst().orElse(id);
    PageKit.load(() -> {
      tokens.revoke(v.principal(), id);
      return id;
    });
    return PageKit.redirect(call, "/tokens", Flash.success("Token '" + name + "' revoked: it no longer works."));
  }
}
