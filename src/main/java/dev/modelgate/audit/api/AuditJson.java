package dev.modelgate.audit.api;

import dev.modelgate.audit.AuditEntry;
import dev.modelgate.audit.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;

/** The audit log's JSON: entries carry everything needed to re-check the chain offline. */
public final class AuditJson {

  private AuditJson() {}

  public static JsonObject entry(AuditEntry e) {
    return new JsonObject().put("seq", e.seq()).put("at", e.at().toString()).put("actor", e.actor())
        .put("action", e.action()).put("team", e.team()).put("subjectType", e.subjectType())
        .put("subjectId", e.subjectId()).put("details", new JsonObject(new LinkedHashMap<>(e.details())))
        .put("prevHash", e.prevHash()).put("hash", e.hash()).put("hashVersion", e.hashVersion());
  }

  /**
   * Every broken entry is listed under {@code broken}; {@code brokenAt}, {@code problem} and {@code detail}
   * repeat the first, as older clients read them. A team-scoped verification names its {@code teams} and
   * gives no head: that is the platform's.
   */
  public static JsonObject verification(AuditLog.Verification v) {
    JsonObject json = new JsonObject().put("ok", v.ok()).put("checked", v.checked());
    if (v.teams() == null) {
      json.put("headSeq", v.headSeq());
    } else {
      json.put("teams", new JsonArray(v.teams()));
    }
    JsonArray broken = new JsonArray();
    v.broken().forEach(b -> broken.add(new JsonObject().put("seq", b.seq()).put("problem", b.problem())
        .put("detail", b.detail())));
    json.put("broken", broken).put("brokenCount", v.brokenCount());
    if (v.ok()) {
      if (v.teams() == null) {
        json.put("headHash", v.headHash());
      }
    } else {
      AuditLog.Broken first = v.firstBroken();
      json.put("brokenAt", first.seq()).put("problem", first.problem()).put("detail", first.detail());
    }
    return json;
  }
}
