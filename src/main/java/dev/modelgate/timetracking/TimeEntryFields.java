package dev.modelgate.timetracking;

import dev.modelgate.access.Role;
import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The fields of a time entry in a request (create, edit, timer start), each null when absent. An
 * explicit {@code "link": null} in an edit clears the link ({@link #clearLink}).
 */
public record TimeEntryFields(Long minutes, LocalDate date, Activity activity, String note, Boolean billable,
    TimeEntry.Link link, boolean clearLink, Role role) {

  static final Set<String> ENTRY_FIELDS = Set.of("duration", "date", "activity", "note", "billable", "link", "role");
  static final Set<String> TIMER_FIELDS = Set.of("project", "activity", "note", "billable", "link", "role");
  static final int MAX_NOTE = 2000;

  /** A new entry: duration and activity are required; date defaults to today. */
  public static TimeEntryFields forCreate(JsonObject body) {
    JsonFields f = JsonFields.of(body, ENTRY_FIELDS);
    if (!f.has("duration")) {
      f.error("duration", "is required; " + DurationSyntax.ACCEPTED);
    }
    if (!f.has("activity")) {
      f.error("activity", "is required; " + Activity.hint());
    }
    return read(f, body);
  }

  /** An edit: only the fields present change. */
  public static TimeEntryFields forEdit(JsonObject body) {
    JsonFields f = JsonFields.of(body, ENTRY_FIELDS);
    if (body.isEmpty()) {
      f.error("body", "name at least one of " + String.join(", ", ENTRY_FIELDS.stream().sorted().toList()));
    }
    return read(f, body);
  }

  /** A timer start: activity is required; {@code project} is read by the caller. */
  public static TimeEntryFields forTimer(JsonObject body) {
    JsonFields f = JsonFields.of(body, TIMER_FIELDS);
    f.requiredString("project", 64, null, null);
    if (!f.has("activity")) {
      f.error("activity", "is required; " + Activity.hint());
    }
    return read(f, body);
  }

  private static TimeEntryFields read(JsonFields f, JsonObject body) {
    Long minutes = null;
    if (f.has("duration")) {
      Object d = body.getValue("duration");
      try {
        if (d instanceof Number n) {
          minutes = DurationSyntax.parseMinutes(n.toString());
        } else if (d instanceof String s) {
          minutes = DurationSyntax.parseMinutes(s);
        } else {
          f.error("duration", "must be a string; " + DurationSyntax.ACCEPTED);
        }
      } catch (DurationSyntax.InvalidDuration e) {
        f.error("duration", e.getMessage());
      }
    }
    LocalDate date = null;
    String rawDate = f.optionalString("date", 10, null, null);
    if (rawDate != null) {
      try {
        date = LocalDate.parse(rawDate);
      } catch (DateTimeParseException e) {
        f.error("date", "must be a date such as 2026-01-31");
      }
    }
    Activity activity = null;
    String rawActivity = f.optionalString("activity", 40, null, null);
    if (rawActivity != null) {
      activity = Activity.parse(rawActivity).orElse(null);
      if (activity == null) {
        f.error("activity", Activity.hint());
      }
    }
    String note = f.optionalString("note", MAX_NOTE, null, null);
    Boolean billable = f.optionalBoolean("billable");
    TimeEntry.Link link = null;
    JsonObject rawLink = f.optionalObject("link");
    if (rawLink != null) {
      JsonFields l = f.nested("link", rawLink, Set.of("type", "id"));
      String type = l.requiredString("type", 20, null, null);
      String id = l.requiredString("id", 100, null, null);
      if (type != null && !type.equals(TimeEntry.Link.WORKFLOW) && !type.equals(TimeEntry.Link.MODEL_VERSION)) {
        l.error("type", "must be workflow or model-version");
      } else if (type != null && id != null) {
        link = new TimeEntry.Link(type, id);
      }
    }
    boolean clearLink = body.containsKey("link") && body.getValue("link") == null;
    Role role = null;
    String rawRole = f.optionalString("role", 20, null, null);
    if (rawRole != null) {
      role = Role.parse(rawRole).orElse(null);
      if (role == null) {
        f.error("role", "must be one of viewer, product, engineer, compliance, lead");
      }
    }
    f.throwIfInvalid();
    return new TimeEntryFields(minutes, date, activity, note, billable, link, clearLink, role);
  }
}
