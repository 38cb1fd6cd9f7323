package dev.modelgate.engine.rest;

/** Keys in the REST API are strings of digits (64-bit keys do not survive JavaScript numbers). */
public final class Keys {
  private Keys() {}

  public static long parse(String value, String field) {
    try {
      long key = Long.parseLong(value.strip());
      if (key <= 0) {
        throw RestProblem.invalid("Property '" + field + "' must be a positive key, but was '" + value + "'");
      }
      return key;
    } catch (NumberFormatException e) {
      throw RestProblem.invalid("Property '" + field + "' must be a key (a string of digits), but was '"
          + value + "'");
    }
  }

  public static String format(long key) {
    return Long.toString(key);
  }

  /** A key that may be absent (-1 in the engine's state): null in the JSON. */
  public static String formatOrNull(long key) {
    return key > 0 ? Long.toString(key) : null;
  }
}
