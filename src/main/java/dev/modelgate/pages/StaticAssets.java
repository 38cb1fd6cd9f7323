package dev.modelgate.pages;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The pages' static files (scripts for the strict CSP, which allows only same-origin script files) under
 * {@code /static/}: from the top-level {@code static/} folder when the server runs from the repository,
 * else from the copy in the jar (like the templates).
 */
public final class StaticAssets {

  public static final String FOLDER = "static";
  private static final int MAX_AGE_SECONDS = 300;

  private StaticAssets() {}

  public static void mount(Router router) {
    router.get("/static/*").handler(StaticHandler.create(FOLDER).setDirectoryListing(false)
        .setCachingEnabled(true).setMaxAgeSeconds(MAX_AGE_SECONDS).setIncludeHidden(false));
  }
}
