package dev.modelgate.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document and Swagger UI (from its webjar, no inline script). */
public final class ApiDocs {

  public static final String OPENAPI_RESOURCE = "openapi.yaml";
  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";

  private ApiDocs() {}

  public static Buffer openApiDocument() {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " missing from the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void mount(Router router) {
    Buffer document = openApiDocument();
    router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").end(document));
    router.get("/api/docs").handler(ctx -> ctx.redirect("/api/docs/"));
    router.get("/api/docs/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .end(page()));
    router.get("/api/docs/init.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8")
        .end("window.onload = function () {\n"
            + "  window.ui = SwaggerUIBundle({ url: '/api/openapi.yaml', dom_id: '#swagger-ui' });\n"
            + "};\n"));
    router.get("/api/docs/assets/*").handler(StaticHandler.create(SWAGGER_UI).setCachingEnabled(true));
  }

  private static String page() {
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>ModelGate API</title>
          <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
          <script src="/api/docs/init.js"></script>
        </body>
        </html>
        """;
  }
}
