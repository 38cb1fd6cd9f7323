package dev.modelgate.pages;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A one-time message shown on the page a form redirects to (Post/Redirect/Get): carried in a short-lived
 * cookie, read and cleared by the next page. It is only ever rendered as text, so a forged cookie can at
 * most show its owner a wrong sentence.
 */
public record Flash(Kind kind, String text) {

  public static final String COOKIE = "mg_flash";
  private static final int MAX_TEXT = 400;

  public enum Kind { SUCCESS, ERROR }

  public static Flash success(String text) {
    return new Flash(Kind.SUCCESS, text);
  }

  public static Flash error(String text) {
    return new Flash(Kind.ERROR, text);
  }

  public Cookie cookie(boolean secure) {
    String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    String value = Base64.getUrlEncoder().withoutPadding()
        .encodeToString((kind.name() + "\n" + t).getBytes(StandardCharsets.UTF_8));
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(secure).setMaxAge(60);
  }

  public static Cookie cleared(boolean secure) {
    return Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(secure).setMaxAge(0);
  }

  public static Optional<Flash> read(String cookieValue) {
    if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 1200) {
      return Optional.empty();
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cookieValue), StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      if (nl < 0) {
        return Optional.empty();
      }
      Kind kind = Kind.valueOf(s.substring(0, nl));
      return Optional.of(new Flash(kind, s.substring(nl + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean isError() {
    return kind == Kind.ERROR;
  }
}
