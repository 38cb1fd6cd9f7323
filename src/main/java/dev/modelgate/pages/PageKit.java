package dev.modelgate.pages;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Action;
import dev.modelgate.access.Permission;
import dev.modelgate.access.Principal;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.notify.NotificationInbox;
import dev.modelgate.web.Problem;
import dev.modelgate.web.Refusals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every feature page shares: who is looking (from the session), the CSRF check of forms, the access
 * check with the API's own {@link AccessPolicy} and {@link Permission}s, rendering inside the layout
 * (navigation, flash message, CSRF token) and Post/Redirect/Get with a flash message.
 */
public final class PageKit {

  /** The one answer for a missing page and for a page of a team the viewer is not in: nothing leaks. */
  public static final String NOT_FOUND = "This page does not exist, or you may not see it.";

  private final PageSessions sessions;
  private final PageTemplates templates;
  private final AccessPolicy policy;
  private final NotificationInbox notifications;

  private final SubjectPages subjects = new SubjectPages();

  public PageKit(PageSessions sessions, PageTemplates templates, AccessPolicy policy, NotificationInbox notifications) {
    this.sessions = sessions;
    this.templates = templates;
    this.policy = policy;
    this.notifications = notifications;
  }

  /** Where subject pages register and other features contribute their sections to them. */
  public SubjectPages subjects() {
    return subjects;
  }

  /** The signed-in viewer; a request without one is sent to the sign-in page. */
  public Viewer viewer(PageCall call) {
    Optional<PageSession> s = sessions.find(call.sessionCookie());
    Optional<Principal> p = s.flatMap(sessions::current);
    if (p.isEmpty()) {
      throw new SignInRequired();
    }
    return new Viewer(s.get(), p.get());
  }

  /** The viewer of a form post, which must carry the session's CSRF token; 403 otherwise, nothing changes. */
  public Viewer formViewer(PageCall call) {
    Viewer v = viewer(call);
    if (!PageSessions.sameToken(v.csrf(), call.form(PageSessions.CSRF_FIELD))) {
      throw Refusal.forbidden("The form has expired or did not come from this site. Reload the page.");
    }
    return v;
  }

  /**
   * The API's check for the page's team. Someone outside the team gets the same 404 as for a page that
   * does not exist; a member without the permission is told what it needs.
   */
  public void require(Viewer v, Permission permission, String team) {
    if (policy.decide(v.principal(), permission, Optional.of(team)) instanceof AccessPolicy.Denied denied) {
      if (!v.principal().isMemberOf(team)) {
        throw notFound();
      }
      throw Refusal.forbidden(denied.reason());
    }
  }

  /**
   * Loads the subject of {@code action} with this id and checks the action's permission in its team, as the
   * API route of the same action does: a missing subject and one of a team the viewer is not in are the same
   * 404; a member without the permission is told what it needs.
   */
  public <R> R open(Viewer v, Action<R> action, String id) {
    if (!(action.scope() instanceof Action.Owned<R> owned)) {
      throw new IllegalArgumentException(action.name() + " has no subject to load");
    }
    R resource = load(() -> owned.load().apply(id));
    require(v, action, owned.team().apply(resource));
    return resource;
  }

  /** {@link #require(Viewer, Permission, String)} with the action's permission. */
  public void require(Viewer v, Action<?> action, String team) {
    require(v, action.permission(), team);
  }

  /** Whether the viewer may do {@code action} in the team (to show its button or form). */
  public boolean allows(Viewer v, Action<?> action, String team) {
    return allows(v, action.permission(), team);
  }

  public boolean allows(Viewer v, Permission permission, String team) {
    return policy.allows(v.principal(), permission, Optional.of(team));
  }

  /** Whether the viewer holds the permission in any of their teams (for navigation links). */
  public boolean allowsInAnyTeam(Viewer v, Permission permission) {
    return policy.allows(v.principal(), permission, Optional.empty())
        || v.principal().teamRoles().keySet().stream().anyMatch(t -> allows(v, permission, t));
  }

  /** Loads the page's resource; a missing one is the same 404 as one the viewer may not see. */
  public static <T> T load(Supplier<T> loader) {
    try {
      return loader.get();
    } catch (Refusal e) {
      if (e.is(Refusal.Kind.NOT_FOUND)) {
        throw notFound();
      }
      throw e;
    }
  }

  public static Refusal notFound() {
    return Refusal.notFound(NOT_FOUND);
  }

  /** Renders a page inside the layout: user, CSRF token, navigation and the pending flash message. */
  public PageResult render(int status, String template, String title, Viewer v, PageCall call, Map<String, Object> vars) {
    Map<String, Object> all = new HashMap<>(vars);
    all.put("title", title);
    all.put("user", v.principal());
    all.put("csrf", v.csrf());
    all.put("nav", nav(v));
    // The navigation's unread badge; notifications.js continues the live stream after its latest id.
    all.put("notifications", notifications.counters(v.username()));
    all.put("fmt", Formats.INSTANCE);
    Optional<Flash> flash = Flash.read(call.flashCookie());
    all.put("flash", flash.orElse(null));
    all.putIfAbsent("errors", Map.of());
    all.putIfAbsent("formError", null);
    all.putIfAbsent("form", Map.of());
    PageResult r = PageResult.html(status, templates.render(template, all));
    if (call.flashCookie() != null) {
      r.cookie(Flash.cleared(call.secure()));
    }
    return r;
  }

  /** Post/Redirect/Get: after a successful form, back to a page that shows what happened. */
  public static PageResult redirect(PageCall call, String location, Flash flash) {
    return PageResult.redirect(location).cookie(flash.cookie(call.secure()));
  }

  private List<NavLink> nav(Viewer v) {
    List<NavLink> links = new ArrayList<>();
    links.add(new NavLink("nav-dashboard", "/dashboard", "Dashboard"));
    links.add(new NavLink("nav-tasks", "/tasks", "Tasks"));
    if (!v.principal().teamRoles().isEmpty()) {
      links.add(new NavLink("nav-time", "/time", "Time"));
    }
    if (allowsInAnyTeam(v, Permission.AUDIT_READ)) {
      links.add(new NavLink("nav-audit", "/audit", "Audit"));
    }
    if (allowsInAnyTeam(v, Permission.TEAM_SETTINGS_WRITE)) {
      links.add(new NavLink("nav-teams", "/teams", "Teams"));
    }
    return links;
  }

  /** A failed form: the problem's field errors (shown next to each field) and its message (above the form). */
  public record FormFailure(int status, String message, Map<String, String> fields) {

    public static FormFailure of(Refusal e) {
      Problem p = Refusals.problem(e);
      Map<String, String> fields = new LinkedHashMap<>();
      p.errors().forEach(fe -> fields.putIfAbsent(fe.field(), fe.message()));
      if (p.field() != null && fields.isEmpty()) {
        fields.put(p.field(), p.detail());
      }
      return new FormFailure(p.status(), p.detail() == null ? p.title() : p.detail(), fields);
    }

    /** The variables a page template reads: {@code errors} by field, {@code formError}, {@code failedForm}. */
    public Map<String, Object> vars(String formName, Map<String, String> submitted) {
      Map<String, Object> m = new HashMap<>();
      m.put("errors", fields);
      m.put("formError", message);
      m.put("failedForm", formName);
      m.put("form", submitted);
      return m;
    }
  }
}
