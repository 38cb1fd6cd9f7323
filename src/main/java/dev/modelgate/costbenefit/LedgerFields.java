package dev.modelgate.costbenefit;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** A cost or benefit in a request: amount (required, positive), date (default today), category, note. */
public record LedgerFields(double amount, LocalDate date, String category, String note) {

  static final double MAX_AMOUNT = 1e12;

  public static LedgerFields parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("amount", "date", "category", "note"));
    if (!f.has("amount")) {
      f.error("amount", "is required");
    }
    Double amount = f.optionalNumber("amount", 0, MAX_AMOUNT);
    if (amount != null && amount <= 0) {
      f.error("amount", "must be more than 0");
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
    String category = f.optionalString("category", 100, null, null);
    String note = f.optionalString("note", 2000, null, null);
    f.throwIfInvalid();
    return new LedgerFields(amount, date, category, note);
  }
}
