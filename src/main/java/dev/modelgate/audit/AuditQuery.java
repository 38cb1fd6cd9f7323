package dev.modelgate.audit;

import dev.modelgate.kernel.Refusal;
import dev.modelgate.web.ApiCall;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filters of an audit list or export: team, actor, action, subject ({@code type:id} or just a
 * type) and a time range ({@code from} inclusive, {@code to} exclusive; ISO instants or dates).
 */
public record AuditQuery(Optional<String> team, Optional<String> actor, Optional<String> action,
    Optional<String> subjectType, Optional<String> subjectId, Optional<Instant> from, Optional<Instant> to) {

  public static AuditQuery from(ApiCall call) {
    Optional<String> subject = call.query("subject");
    Optional<String> type = subject.map(s -> s.contains(":") ? s.substring(0, s.indexOf(':')) : s);
    Optional<String> id = subject.filter(s -> s.contains(":")).map(s -> s.substring(s.indexOf(':') + 1));
    Optional<Instant> from = call.query("from").map(v -> instant("from", v));
    Optional<Instant> to = call.query("to").map(v -> instant("to", v));
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw Refusal.invalid("to", "must be after 'from'");
    }
    return new AuditQuery(call.query("team"), call.query("actor"), call.query("action"), type, id, from, to);
  }

  /** An ISO-8601 instant ({@code 2026-01-31T12:00:00Z}) or a date ({@code 2026-01-31}, midnight UTC). */
  static Instant instant(String field, String v) {
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid(field, "must be an ISO-8601 date (2026-01-31) or instant (2026-01-31T12:00:00Z)");
    }
  }

  /** Whether the entry matches, given the teams the caller may see ({@code null} = every entry). */
  public Predicate<AuditEntry> matcher(Set<String> visibleTeams) {
    return e -> (visibleTeams == null || (e.team() != null && visibleTeams.contains(e.team())))
        && team.map(t -> t.equals(e.team())).orElse(true)
        && actor.map(a -> a.equals(e.actor())).orElse(true)
        && action.map(a -> a.equals(e.action())).orElse(true)
        && subjectType.map(t -> t.equals(e.subjectType())).orElse(true)
        && subjectId.map(i -> i.equals(e.subjectId())).orElse(true)
        && from.map(f -> !e.at().isBefore(f)).orElse(true)
        && to.map(t -> e.at().isBefore(t)).orElse(true);
  }

  /**
   * Newest-first scans stop once entries are well before {@code from}: sequence numbers follow time, up
   * to clock differences between replicas, for which a few minutes of slack are allowed.
   */
  public Predicate<AuditEntry> olderThanRange() {
    return e -> from.map(f -> e.at().isBefore(f.minusSeconds(300))).orElse(false);
  }
}
