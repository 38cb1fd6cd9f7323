package dev.modelgate.audit.pages;

import dev.modelgate.access.AccessPolicy;
import dev.modelgate.audit.AuditAccess;
import dev.modelgate.audit.AuditLog;
import dev.modelgate.audit.AuditQuery;
import dev.modelgate.kernel.Refusal;
import dev.modelgate.pages.PageCall;
import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.pages.PageResult;
import dev.modelgate.pages.Viewer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit trail ({@code /audit}) for compliance officers and leads (their teams' entries) and the
 * platform admin (every entry), filtered by team, actor and action, newest first; {@code /audit/verify}
 * checks the hash chain and shows the result. The same visibility rule as the API ({@link AuditAccess}).
 */
public final class AuditPages {

  static final int PER_PAGE = 50;
  /** How many sequence numbers one page may look at before it returns with a cursor (as the API). */
  static final int BUDGET = 20_000;

  private final PageKit kit;
  private final AccessPolicy policy;
  private final AuditLog audit;

  public AuditPages(PageKit kit, AccessPolicy policy, AuditLog audit) {
    this.kit = kit;
    this.policy = policy;
    this.audit = audit;
  }

  public void mount(PageMount mount) {
    mount.get("/audit", call -> view(call, false));
    mount.get("/audit/verify", call -> view(call, true));
  }

  private PageResult view(PageCall call, boolean verify) {
    Viewer v = kit.viewer(call);
    Optional<String> team = call.query("team");
    Set<String> visible = AuditAccess.visibleTeams(policy, v.principal());
    if (team.isPresent() && visible != null && !visible.contains(team.get())) {
      throw PageKit.notFound();
    }
    AuditQuery q = new AuditQuery(team, call.query("actor"), call.query("action"), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    long before = call.query("after").map(AuditPages::seq).orElse(Long.MAX_VALUE);
    AuditLog.Scan scan = audit.newestFirst(before, q.matcher(visible), PER_PAGE, BUDGET, q.olderThanRange());
    Map<String, Object> vars = new HashMap<>();
    vars.put("entries", scan.entries());
    vars.put("next", scan.next());
    vars.put("teams", visible == null ? List.copyOf(v.principal().teamRoles().keySet())
        : visible.stream().sorted().toList());
    vars.put("everyTeam", visible == null);
    vars.put("query", Map.of("team", team.orElse(""), "actor", call.query("actor").orElse(""),
        "action", call.query("action").orElse("")));
    vars.put("verification", verify ? audit.verify(team.map(Set::of).orElse(visible)) : null);
    return kit.render(200, "audit", "Audit", v, call, vars);
  }

  private static long seq(String v) {
    try {
      long s = Long.parseLong(v);
      if (s >= 0) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Refusal.invalid("after", "must be the 'next' value of a previous page");
  }
}
