package dev.modelgate.web;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One open {@code text/event-stream} response. Writes may come from any thread (they are handed to the
 * response's event loop); {@link #isOpen()} turns false as soon as the client disconnects or the server
 * closes, so a polling handler knows when to stop.
 */
public final class EventStream {

  private final HttpServerResponse response;
  private final Context context;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final BooleanSupplier stillAdmitted;

  /**
   * {@code stillAdmitted} authenticates and authorizes the request again (blocking); it is asked before every
   * write, so a revoked token, a sign-out or a lost permission ends the stream before anything more is sent.
   */
  EventStream(HttpServerResponse response, Context context, BooleanSupplier stillAdmitted) {
    this.response = response;
    this.context = context;
    this.stillAdmitted = stillAdmitted;
  }

  /** Called on the event loop before the handler starts: headers out, close detection on. */
  void start(int retryMillis) {
    response.closeHandler(v -> open.set(false));
    response.exceptionHandler(e -> open.set(false));
    response.setStatusCode(200).setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache, no-store")
        .putHeader("Content-Encoding", "identity")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: " + retryMillis + "\n\n");
  }

  public boolean isOpen() {
    return open.get() && !response.closed() && !response.ended();
  }

  /** True while the client reads slower than we write: skip a poll rather than buffer without bound. */
  public boolean congested() {
    return response.writeQueueFull();
  }

  /** Sends one event; {@code data} may span lines. Call from the stream's own thread (it may block). */
  public void send(String id, String event, String data) {
    if (!admitted()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    if (id != null) {
      b.append("id: ").append(id).append('\n');
    }
    if (event != null) {
      b.append("event: ").append(event).append('\n');
    }
    data.lines().forEach(l -> b.append("data: ").append(l).append('\n'));
    b.append('\n');
    write(b.toString());
  }

  /** A comment line, ignored by clients: keeps proxies and load balancers from closing an idle stream. */
  public void heartbeat() {
    if (admitted()) {
      write(": keep-alive\n\n");
    }
  }

  /** Whether the caller may still receive this stream; when not, the stream ends ({@link #isOpen()} false). */
  private boolean admitted() {
    if (!open.get()) {
      return false;
    }
    if (!stillAdmitted.getAsBoolean()) {
      close();
      return false;
    }
    return true;
  }

  /** Ends the response (the handler is done or failed). */
  public void close() {
    open.set(false);
    context.runOnContext(v -> {
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    });
  }

  private void write(String text) {
    context.runOnContext(v -> {
      if (!response.ended() && !response.closed()) {
        response.write(text);
      }
    });
  }
}
