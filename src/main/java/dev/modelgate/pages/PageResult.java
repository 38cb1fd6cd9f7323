package dev.modelgate.pages;

import io.vertx.core.http.Cookie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a page handler answers: HTML, a redirect (303, Post/Redirect/Get) or a file to download (the body
 * with its own content type), with cookies and headers to set.
 */
public record PageResult(int status, String html, String location, List<Cookie> cookies, Map<String, String> headers) {

  public static PageResult html(int status, String html) {
    return new PageResult(status, html, null, new ArrayList<>(), new HashMap<>());
  }

  public static PageResult redirect(String location) {
    return new PageResult(303, null, location, new ArrayList<>(), new HashMap<>());
  }

  /** A file the browser saves rather than shows; {@code filename} must be plain ASCII without quotes. */
  public static PageResult download(String contentType, String filename, String body) {
    PageResult r = html(200, body);
    r.headers().put("Content-Type", contentType);
    r.headers().put("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    return r;
  }

  public PageResult cookie(Cookie c) {
    cookies.add(c);
    return this;
  }

  public PageResult header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
