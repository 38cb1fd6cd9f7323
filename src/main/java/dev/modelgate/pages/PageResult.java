package dev.modelgate.pages;

import io.vertx.core.http.Cookie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a page handler answers: HTML or a redirect (303, Post/Redirect/Get), with cookies and headers to set. */
record PageResult(int status, String html, String location, List<Cookie> cookies, Map<String, String> headers) {

  static PageResult html(int status, String html) {
    return new PageResult(status, html, null, new ArrayList<>(), new HashMap<>());
  }

  static PageResult redirect(String location) {
    return new PageResult(303, null, location, new ArrayList<>(), new HashMap<>());
  }

  PageResult cookie(Cookie c) {
    cookies.add(c);
    return this;
  }

  PageResult header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
