package dev.modelgate.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where to go after signing in: the page that asked for it (a link from a notification, say). Only a path
 * on this site is accepted, never another origin ({@code //host}, {@code /\host}) or the sign-in pages.
 */
public final class ReturnTo {

  public static final String DEFAULT = "/dashboard";
  private static final int MAX = 500;

  private ReturnTo() {}

  public static Optional<String> safe(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX || !raw.startsWith("/") || raw.startsWith("//")
        || raw.startsWith("/\\") || raw.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
      return Optional.empty();
    }
    if (raw.startsWith("/login") || raw.startsWith("/logout") || raw.startsWith("/auth/")
        || raw.startsWith("/logged-out")) {
      return Optional.empty();
    }
    return Optional.of(raw);
  }

  /** The sign-in page that comes back to {@code uri} afterwards. */
  public static String loginFor(String uri) {
    return safe(uri).filter(u -> !u.equals(DEFAULT))
        .map(u -> "/login?next=" + URLEncoder.encode(u, StandardCharsets.UTF_8)).orElse("/login");
  }
}
