package dev.modelgate.audit.api;

import static dev.modelgate.web.ApiRoute.BodyKind.NONE;
import static io.vertx.core.http.HttpMethod.GET;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.access.Permission;
import dev.modelgate.access.Principal;
import dev.modelgate.audit.AuditAccess;
import dev.modelgate.audit.AuditLog;
import dev.modelgate.audit.AuditQuery;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.web.ApiCall;
import dev.modelgate.web.ApiRoute;
import dev.modelgate.web.PageRequest;
import dev.modelgate.web.Reply;
import dev.modelgate.web.TeamScope;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reading the audit log. Admin sees every entry; compliance officers and leads see their teams' entries
 * (the routes are open to any signed-in caller, and {@link AuditAccess} decides per team which entries
 * they get, since one request may span several teams; {@code ?team=} of another team is a 404).
 */
public final class AuditRoutes {

  /** How many sequence numbers one list page may look at before it returns with a cursor. */
  static final int LIST_BUDGET = 20_000;
  static final int EXPORT_DEFAULT = 10_000;
  static final int EXPORT_MAX = 100_000;

  private final AuditLog audit;
  private final AccessPolicy policy;
  private final Predicate<String> teamExists;

  public AuditRoutes(AuditLog audit, AccessPolicy policy, Predicate<String> teamExists) {
    this.audit = audit;
    this.policy = policy;
    this.teamExists = teamExists;
  }

  public List<ApiRoute> table() {
    TeamScope platform = TeamScope.platform();
    return List.of(
        new ApiRoute(GET, "/audit", Permission.AUTHENTICATED, platform, NONE, this::list),
        new ApiRoute(GET, "/audit/verify", Permission.AUTHENTICATED, platform, NONE, this::verify),
        new ApiRoute(GET, "/audit/export", Permission.AUTHENTICATED, platform, NONE, this::export));
  }

  private Set<String> visibleTeams(Principal who, Optional<String> team) {
    return AuditAccess.visibleTeams(policy, teamExists, who, team);
  }

  private Reply list(ApiCall call) {
    AuditQuery q = AuditQuery.from(call);
    Set<String> teams = visibleTeams(call.principal(), q.team());
    PageRequest page = PageRequest.from(call);
    long before = page.after().map(a -> seq("after", a)).orElse(Long.MAX_VALUE);
    AuditLog.Scan scan = audit.newestFirst(before, q.matcher(teams), page.limit(), LIST_BUDGET, q.olderThanRange());
    JsonArray items = new JsonArray();
    scan.entries().forEach(e -> items.add(AuditJson.entry(e)));
    return Reply.ok(new JsonObject().put("items", items)
        .put("next", scan.next() == null ? null : Long.toString(scan.next())));
  }

  /** The admin's verification is the platform's; anyone else's covers the entries of their (or the named) teams. */
  private Reply verify(ApiCall call) {
    Set<String> teams = visibleTeams(call.principal(), call.query("team"));
    return Reply.ok(AuditJson.verification(audit.verify(teams)));
  }

  private Reply export(ApiCall call) {
    AuditQuery q = AuditQuery.from(call);
    Set<String> teams = visibleTeams(call.principal(), q.team());
    long after = call.query("after").map(a -> seq("after", a)).orElse(0L);
    int limit = call.query("limit").map(l -> {
      try {
        int n = Integer.parseInt(l);
        if (n >= 1 && n <= EXPORT_MAX) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw Refusal.invalid("limit", "must be a whole number between 1 and " + EXPORT_MAX);
    }).orElse(EXPORT_DEFAULT);
    AuditLog.Scan scan = audit.oldestFirst(after, q.matcher(teams), limit, EXPORT_MAX * 2);
    StringBuilder lines = new StringBuilder();
    scan.entries().forEach(e -> lines.append(AuditJson.entry(e).encode()).append('\n'));
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Disposition", "attachment; filename=\"audit.jsonl\"");
    if (scan.next() != null) {
      headers.put("X-Next-After", Long.toString(scan.next()));
    }
    return new Reply(200, "application/x-ndjson", Buffer.buffer(lines.toString()), headers);
  }

  private static long seq(String field, String v) {
    try {
      long s = Long.parseLong(v);
      if (s >= 0) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Refusal.invalid(field, "must be the 'next' value of a previous page (a sequence number)");
  }
}
