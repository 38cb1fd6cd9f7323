package dev.modelgate.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request a feature refuses for a reason the caller can act on: bad input, not found, not allowed, a
 * conflict with the current state, try again later. Services throw it in domain terms; the web edge maps
 * its {@link Kind} to an RFC 9457 problem (status and title) in one place, so no service knows HTTP.
 * Unexpected failures are never turned into refusals.
 */
public final class Refusal extends RuntimeException {

  /** The closed set of reasons; each maps to exactly one HTTP status at the edge. */
  public enum Kind {
    /** A field is missing, malformed or out of range (400). */
    INVALID,
    /** Nobody, or nobody verifiable, is asking (401). */
    UNAUTHENTICATED,
    /** The caller is known but may not do this (403). */
    FORBIDDEN,
    /** The subject does not exist, or the caller may not know it does (404). */
    NOT_FOUND,
    /** The subject's current state does not allow this now (409). */
    CONFLICT,
    /** Well-formed, but it names something that does not fit (another team's project, a date too early) (422). */
    UNACCEPTABLE,
    /** Too many attempts; wait {@link #retryAfter()} (429). */
    TOO_MANY_ATTEMPTS,
    /** A part the request needs (the store, the engine) cannot take it now; nothing changed (503). */
    UNAVAILABLE
  }

  /** One invalid field: a JSON path such as {@code segments[2].name}, and what is wrong with it. */
  public record InvalidField(String field, String message) {}

  private final Kind kind;
  private final String detail;
  private final String field;
  private final transient List<InvalidField> fields;
  private final transient Duration retryAfter;

  private Refusal(Kind kind, String detail, String field, List<InvalidField> fields, Duration retryAfter) {
    super(kind + (detail == null ? "" : ": " + detail), null, false, false);
    this.kind = kind;
    this.detail = detail;
    this.field = field;
    this.fields = List.copyOf(fields);
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** What a person reads: which field and what is wrong, or why not. */
  public String detail() {
    return detail;
  }

  /** The offending field, when one is to blame. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** Every invalid field when the input had several (empty for refusals that are not about fields). */
  public List<InvalidField> fields() {
    return fields;
  }

  /** How long to wait before trying again, for {@link Kind#TOO_MANY_ATTEMPTS} and {@link Kind#UNAVAILABLE}. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public boolean is(Kind k) {
    return kind == k;
  }

  public static Refusal invalid(String field, String message) {
    return new Refusal(Kind.INVALID, field + ": " + message, field, List.of(new InvalidField(field, message)), null);
  }

  /** Several invalid fields at once, so a client fixes its input in one round trip. */
  public static Refusal invalidFields(List<InvalidField> errors) {
    InvalidField first = errors.getFirst();
    String detail = errors.size() == 1
        ? first.field() + ": " + first.message()
        : errors.size() + " invalid fields; first: " + first.field() + ": " + first.message();
    return new Refusal(Kind.INVALID, detail, first.field(), errors, null);
  }

  public static Refusal unacceptable(String field, String message) {
    return new Refusal(Kind.UNACCEPTABLE, field + ": " + message, field,
        List.of(new InvalidField(field, message)), null);
  }

  public static Refusal unauthenticated(String detail) {
    return new Refusal(Kind.UNAUTHENTICATED, detail, null, List.of(), null);
  }

  public static Refusal forbidden(String detail) {
    return new Refusal(Kind.FORBIDDEN, detail, null, List.of(), null);
  }

  public static Refusal notFound(String detail) {
    return new Refusal(Kind.NOT_FOUND, detail, null, List.of(), null);
  }

  public static Refusal conflict(String detail) {
    return new Refusal(Kind.CONFLICT, detail, null, List.of(), null);
  }

  /** A conflict caused by one field's value (e.g. the workflow type already running). */
  public static Refusal conflict(String field, String detail) {
    return new Refusal(Kind.CONFLICT, detail, field, List.of(), null);
  }

  public static Refusal tooManyAttempts(String detail, Duration retryAfter) {
    return new Refusal(Kind.TOO_MANY_ATTEMPTS, detail, null, List.of(), retryAfter);
  }

  /** A part the request needs refused it for now; the caller may retry (no time promised). */
  public static Refusal unavailable(String detail) {
    return new Refusal(Kind.UNAVAILABLE, detail, null, List.of(), null);
  }

  /**
   * The store cannot make writes durable right now (disk full or read-only); nothing of the request was
   * acknowledged, and the server recovers by itself once the disk is writable.
   */
  public static Refusal storeUnavailable(Duration retryAfter) {
    return unavailable("the store cannot save changes right now (disk full or read-only?); nothing was changed, "
        + "retry later", retryAfter);
  }

  public static Refusal unavailable(String detail, Duration retryAfter) {
    return new Refusal(Kind.UNAVAILABLE, detail, null, List.of(), retryAfter);
  }
}
