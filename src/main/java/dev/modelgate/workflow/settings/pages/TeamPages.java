package dev.modelgate.workflow.settings.pages;

import dev.modelgate.access.AccessActions;
import dev.modelgate.access.Account;
import dev.modelgate.access.Principal;
import dev.modelgate.access.Role;
import dev.modelgate.access.TeamMembers;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.notify.NotifyActions;
import dev.modelgate.notify.webhook.NewWebhook;
import dev.modelgate.notify.webhook.TeamWebhooks;
import dev.modelgate.notify.webhook.Webhook;
import dev.modelgate.pages.Flash;
import dev.modelgate.pages.FormJson;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.Viewer;
import dev.modelgate.registry.Registry;
import dev.modelgate.registry.Team;
import dev.modelgate.web.PageRequest;
import dev.modelgate.workflow.settings.SettingsActions;
import dev.modelgate.workflow.settings.SettingsRequest;
import dev.modelgate.workflow.settings.TeamSettings;
import dev.modelgate.workflow.settings.TeamSettingsService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The team page for leads ({@code /teams/{team}/settings}; the platform admin too): members and their roles
 * (local accounts, through {@link TeamMembers}), the workflow settings (gate thresholds, sign-off officers,
 * reminder and canary settings, the deployment webhook; {@link TeamSettingsService}) and the team's event
 * webhooks with their delivery logs ({@link TeamWebhooks}). Everyone else gets the 404 of a page that does not
 * exist. {@code /teams} lists the teams the viewer may manage.
 */
public final class TeamPages {

  /** Form fields of the settings form, as the settings parser names them (errors are shown at these). */
  static final List<String> SETTINGS_FIELDS = List.of("gate.minimums", "gate.maximums", "gate.maxRegression",
      "gate.maxSegmentRegression", "gate.fairness.metric", "gate.fairness.maxGap", "gate.fairness",
      "gate.requiredSegments", "gate.lowerIsBetter", "complianceOfficers", "reminderInterval", "canaryWindow",
      "canaryMaxRegression", "webhook.url", "webhook.secret");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\n]");

  private final PageKit kit;
  private final Registry registry;
  private final TeamMembers members;
  private final TeamSettingsService settings;
  private final TeamWebhooks webhooks;
  private final SecureRandom random = new SecureRandom();

  public TeamPages(PageKit kit, Registry registry, TeamMembers members, TeamSettingsService settings,
      TeamWebhooks webhooks) {
    this.kit = kit;
    this.registry = registry;
    this.members = members;
    this.settings = settings;
    this.webhooks = webhooks;
  }

  public void mount(PageMount mount) {
    mount.get("/teams", this::teams);
    mount.get("/teams/:team/settings", this::view);
    mount.post("/teams/:team/settings", this::saveSettings);
    mount.post("/teams/:team/members", this::setMember);
    mount.post("/teams/:team/webhooks", this::createWebhook);
    mount.get("/teams/:team/webhooks/:id", this::webhook);
    mount.post("/teams/:team/webhooks/:id/disable", this::disableWebhook);
    mount.post("/teams/:team/webhooks/:id/enable", this::enableWebhook);
    mount.post("/teams/:team/webhooks/:id/delete", this::deleteWebhook);
  }

  /** A member as the page shows them. */
  public record Member(String username, String displayName, List<String> roles) {}

  /** The teams whose page the viewer may open. */
  private PageResult teams(PageCall call) {
    Viewer v = kit.viewer(call);
    List<String> led = registry.teams(v.principal(), new PageRequest(200, Optional.empty())).items().stream()
        .map(Team::slug).filter(t -> kit.allows(v, SettingsActions.WRITE, t)).toList();
    return kit.render(200, "teams", "Teams", v, call, Map.of("teams", led));
  }

  /** The viewer, when they lead the page's team (or are the admin); everyone else gets the 404. */
  private Viewer lead(PageCall call, boolean form) {
    Viewer v = form ? kit.formViewer(call) : kit.viewer(call);
    String team = call.path("team");
    if (!registry.teamExists(team) || !kit.allows(v, SettingsActions.WRITE, team)) {
      throw PageKit.notFound();
    }
    return v;
  }

  private PageResult view(PageCall call) {
    Viewer v = lead(call, false);
    return show(200, v, call, Map.of());
  }

  private PageResult show(int status, Viewer v, PageCall call, Map<String, Object> extra) {
    String team = call.path("team");
    Map<String, Object> vars = new HashMap<>(extra);
    vars.put("team", team);
    vars.put("members", members.of(team).stream().map(a -> member(a, team)).toList());
    vars.put("roles", Arrays.stream(Role.values()).map(Role::id).toList());
    TeamSettings s = settings.settings(team);
    vars.put("settings", s);
    Map<String, String> form = settingsForm(s);
    @SuppressWarnings("unchecked")
    Map<String, String> submitted = (Map<String, String>) extra.getOrDefault("form", Map.of());
    form.putAll(submitted);
    vars.put("form", form);
    vars.put("webhooks", webhooks.list(team));
    vars.putIfAbsent("checkedRoles", List.of());
    return kit.render(status, "team-settings", "Team " + team, v, call, vars);
  }

  private static Member member(Account a, String team) {
    return new Member(a.username(), a.displayName(), a.teamRoles().getOrDefault(team, Set.of()).stream()
        .map(Role::id).sorted().toList());
  }

  // --- members -------------------------------------------------------------------------------------------

  private PageResult setMember(PageCall call) {
    Viewer v = lead(call, true);
    String team = call.path("team");
    String username = call.field("username").orElse("");
    try {
      kit.require(v, AccessActions.MANAGE_MEMBERS, team);
      if (username.isEmpty()) {
        throw Refusal.invalid("username", "is required");
      }
      JsonArray roles = FormJson.all(call, "roles").orElse(new JsonArray());
      Set<Role> set = TeamMembers.parseRoles(new JsonObject().put("roles", roles));
      members.setRoles(v.principal(), team, username, set);
      String done = set.isEmpty() ? username + " removed from the team."
          : "Roles of " + username + ": " + set.stream().map(Role::id).sorted().collect(Collectors.joining(", ")) + ".";
      // A lead who gave up their own lead role may no longer open this page.
      Map<String, Set<Role>> rolesAfter = new HashMap<>(v.principal().teamRoles());
      rolesAfter.put(team, set);
      Principal after = new Principal(v.username(), v.principal().displayName(), v.principal().admin(), rolesAfter,
          v.principal().source());
      boolean stillLeads = kit.allows(new Viewer(v.session(), after), SettingsActions.WRITE, team);
      return PageKit.redirect(call, !username.equals(v.username()) || stillLeads ? "/teams/" + team + "/settings"
          : "/dashboard", Flash.success(done));
    } catch (Refusal e) {
      PageKit.FormFailure failure = PageKit.FormFailure.of(e);
      Map<String, Object> vars = new HashMap<>(failure.vars("member", Map.of("username", username)));
      vars.put("checkedRoles", call.form().getAll("roles"));
      return show(failure.status(), v, call, vars);
    }
  }

  // --- workflow settings ---------------------------------------------------------------------------------

  /** The stored settings as the form's text fields. */
  static Map<String, String> settingsForm(TeamSettings s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("gate.minimums", lines(s.gate().minimums()));
    f.put("gate.maximums", lines(s.gate().maximums()));
    f.put("gate.maxRegression", lines(s.gate().maxRegression()));
    f.put("gate.maxSegmentRegression", lines(s.gate().maxSegmentRegression()));
    f.put("gate.fairness.metric", s.gate().fairness() == null ? "" : s.gate().fairness().metric());
    f.put("gate.fairness.maxGap", s.gate().fairness() == null ? "" : number(s.gate().fairness().maxGap()));
    f.put("gate.requiredSegments", String.join(", ", s.gate().requiredSegments()));
    f.put("gate.lowerIsBetter", String.join(", ", s.gate().lowerIsBetter().stream().sorted().toList()));
    f.put("complianceOfficers", Integer.toString(s.complianceOfficers()));
    f.put("reminderInterval", s.reminderInterval().toString());
    f.put("canaryWindow", s.canaryWindow().toString());
    f.put("canaryMaxRegression", lines(s.canaryMaxRegression()));
    f.put("webhook.url", s.webhookUrl() == null ? "" : s.webhookUrl());
    return f;
  }

  private static String lines(Map<String, Double> m) {
    return m.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " = " + number(e.getValue()))
        .collect(Collectors.joining("\n"));
  }

  private static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private PageResult saveSettings(PageCall call) {
    Viewer v = lead(call, true);
    String team = call.path("team");
    Map<String, String> submitted = new LinkedHashMap<>();
    SETTINGS_FIELDS.forEach(f -> submitted.put(f, Optional.ofNullable(call.form(f)).orElse("")));
    submitted.remove("webhook.secret");
    try {
      kit.require(v, SettingsActions.WRITE, team);
      settings.save(team, v.principal(), SettingsRequest.parse(settingsBody(call)));
      return PageKit.redirect(call, "/teams/" + team + "/settings", Flash.success("Workflow settings saved."));
    } catch (Refusal e) {
      PageKit.FormFailure failure = PageKit.FormFailure.of(e);
      Map<String, Object> vars = new HashMap<>(failure.vars("settings", submitted));
      vars.put("errors", atFormFields(failure.fields()));
      return show(failure.status(), v, call, vars);
    }
  }

  /** The settings form as the body of {@code PUT /teams/{team}/settings}: the settings parser checks it. */
  static JsonObject settingsBody(PageCall call) {
    JsonObject gate = new JsonObject();
    for (String m : List.of("minimums", "maximums", "maxRegression", "maxSegmentRegression")) {
      call.field("gate." + m).ifPresent(text -> gate.put(m, numbers(text)));
    }
    Optional<String> metric = call.field("gate.fairness.metric");
    Optional<String> gap = call.field("gate.fairness.maxGap");
    if (metric.isPresent() || gap.isPresent()) {
      JsonObject fairness = new JsonObject();
      metric.ifPresent(x -> fairness.put("metric", x));
      gap.ifPresent(x -> fairness.put("maxGap", FormJson.number(x)));
      gate.put("fairness", fairness);
    }
    call.field("gate.requiredSegments").ifPresent(x -> gate.put("requiredSegments", list(x)));
    call.field("gate.lowerIsBetter").ifPresent(x -> gate.put("lowerIsBetter", list(x)));
    JsonObject body = new JsonObject().put("gate", gate);
    FormJson.number(body, call, "complianceOfficers");
    FormJson.text(body, call, "reminderInterval");
    FormJson.text(body, call, "canaryWindow");
    call.field("canaryMaxRegression").ifPresent(text -> body.put("canaryMaxRegression", numbers(text)));
    Optional<String> url = call.field("webhook.url");
    if (url.isPresent()) {
      JsonObject webhook = new JsonObject().put("url", url.get());
      call.field("webhook.secret").ifPresent(x -> webhook.put("secret", x));
      body.put("webhook", webhook);
    }
    return body;
  }

  /** "metric = value" lines as a JSON object; a line without '=' becomes a key without a number. */
  private static JsonObject numbers(String text) {
    JsonObject o = new JsonObject();
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      int eq = l.indexOf('=');
      String key = (eq < 0 ? l : l.substring(0, eq)).strip();
      String value = eq < 0 ? "" : l.substring(eq + 1).strip();
      o.put(key, FormJson.number(value));
    }
    return o;
  }

  private static JsonArray list(String text) {
    return new JsonArray(LIST_SEPARATOR.splitAsStream(text).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  /** The parser's error paths (e.g. {@code gate.minimums.auc}) at the form field that holds them. */
  static Map<String, String> atFormFields(Map<String, String> errors) {
    Map<String, String> out = new LinkedHashMap<>();
    errors.forEach((path, message) -> {
      String field = SETTINGS_FIELDS.stream()
          .filter(f -> path.equals(f) || path.startsWith(f + ".") || path.startsWith(f + "["))
          .max((a, b) -> Integer.compare(a.length(), b.length())).orElse(path);
      String detail = path.equals(field) ? message : path.substring(field.length()).replaceFirst("^\\.", "") + ": "
          + message;
      out.merge(field, detail, (a, b) -> a + "; " + b);
    });
    if (out.containsKey("gate.fairness")) {
      out.merge("gate.fairness.metric", out.remove("gate.fairness"), (a, b) -> a + "; " + b);
    }
    return out;
  }

  // --- webhooks ------------------------------------------------------------------------------------------

  private PageResult createWebhook(PageCall call) {
    Viewer v = lead(call, true);
    String team = call.path("team");
    Map<String, String> submitted = new LinkedHashMap<>();
    call.field("url").ifPresent(u -> submitted.put("url", u));
    call.field("events").ifPresent(x -> submitted.put("events", x));
    try {
      kit.require(v, NotifyActions.MANAGE_WEBHOOKS, team);
      // Blank secret: the server makes a strong one, shown once below.
      String secret = call.field("secret").orElseGet(this::newSecret);
      JsonObject body = new JsonObject().put("secret", secret);
      call.field("url").ifPresent(u -> body.put("url", u));
      call.field("events").ifPresent(x -> body.put("events", list(x)));
      Webhook w = webhooks.create(team, v.principal(), NewWebhook.parse(body));
      return show(201, v, call, Map.of("createdWebhook", w, "createdSecret", secret));
    } catch (Refusal e) {
      PageKit.FormFailure failure = PageKit.FormFailure.of(e);
      Map<String, String> fields = new LinkedHashMap<>();
      failure.fields().forEach((k, m) -> fields.merge(k.startsWith("events[") ? "events" : k, m,
          (a, b) -> a + "; " + b));
      Map<String, Object> vars = new HashMap<>(failure.vars("webhook", submitted));
      vars.put("errors", fields);
      return show(failure.status(), v, call, vars);
    }
  }

  private String newSecret() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private PageResult webhook(PageCall call) {
    Viewer v = lead(call, false);
    String team = call.path("team");
    kit.require(v, NotifyActions.MANAGE_WEBHOOKS, team);
    Webhook w = PageKit.load(() -> webhooks.get(team, call.path("id")));
    TeamWebhooks.DeliveryPage page = webhooks.deliveries(team, w.id(), call.query("after"));
    Map<String, Object> vars = new HashMap<>();
    vars.put("team", team);
    vars.put("webhook", w);
    vars.put("deliveries", page.items());
    vars.put("next", page.next());
    return kit.render(200, "team-webhook", "Webhook · " + team, v, call, vars);
  }

  @FunctionalInterface
  private interface WebhookAction {
    String run(String team, String id, Viewer v);
  }

  private PageResult webhookAction(PageCall call, WebhookAction action) {
    Viewer v = lead(call, true);
    String team = call.path("team");
    kit.require(v, NotifyActions.MANAGE_WEBHOOKS, team);
    String done = PageKit.load(() -> action.run(team, call.path("id"), v));
    return PageKit.redirect(call, "/teams/" + team + "/settings", Flash.success(done));
  }

  private PageResult disableWebhook(PageCall call) {
    return webhookAction(call, (team, id, v) -> "Webhook to " + webhooks.disable(team, id, v.principal()).url()
        + " disabled.");
  }

  private PageResult enableWebhook(PageCall call) {
    return webhookAction(call, (team, id, v) -> "Webhook to " + webhooks.enable(team, id, v.principal()).url() + " enabled.");
  }

  private PageResult deleteWebhook(PageCall call) {
    return webhookAction(call, (team, id, v) -> {
      String url = webhooks.get(team, id).url();
      webhooks.delete(team, id, v.principal());
      return "Webhook to " + url + " deleted.";
    });
  }
}
