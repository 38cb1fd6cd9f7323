package dev.modelgate.audit;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;

/** The audit log's JSON: entries carry everything needed to re-check the chain offline. */
public final class AuditJson {

  private AuditJson() {}

  public static JsonObject entry(AuditEntry e) {
    return new JsonObject().put("seq", e.seq()).put("at", e.at().toString()).put("actor", e.actor())
        .put("action", e.action()).put("team", e.team()).put("subjectType", e.subjectType())
        .put("subjectId", e.subjectId()).put("details", new JsonObject(new LinkedHashMap<>(e.details())))
        .put("prevHash", e.prevHash()).put("hash", e.hash());
  }

  public static JsonObject verification(AuditLog.Verification v) {
    JsonObject json = new JsonObject().put("ok", v.ok()).put("checked", v.checked()).put("headSeq", v.headSeq());
    if (v.ok()) {
      json.put("headHash", v.headHash());
    } else {
      json.put("brokenAt", v.brokenAt()).put("problem", v.problem()).put("detail", v.detail());
    }
    return json;
  }
}
