package dev.modelgate.notify.webhook;

import dev.modelgate.json.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook as a lead registers it: URL (http or https, no credentials), shared secret, and the events it
 * wants. Where the URL points is checked by {@link WebhookTargets} when it is registered (that needs a DNS look-up).
 */
public record NewWebhook(String url, String secret, List<String> events) {

  private static final Pattern EVENT = Pattern.compile("\\*|[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*(\\.\\*)?");

  public static NewWebhook parse(JsonObject body) {
    JsonFields f = JsonFields.of(body, Set.of("url", "secret", "events"));
    String url = f.requiredString("url", 2000, null, null);
    if (url != null) {
      try {
        WebhookTargets.parse(url);
      } catch (IllegalArgumentException e) {
        f.error("url", e.getMessage());
      }
    }
    String secret = f.requiredString("secret", 256, null, null);
    if (secret != null && secret.length() < 16) {
      f.error("secret", "must be at least 16 characters");
    }
    JsonArray raw = f.optionalArray("events", 50);
    List<String> events = new ArrayList<>();
    if (raw != null) {
      for (int i = 0; i < raw.size(); i++) {
        if (raw.getValue(i) instanceof String s && s.length() <= 100 && EVENT.matcher(s).matches()) {
          events.add(s);
        } else {
          f.error("events[" + i + "]", "must be an event type such as workflow.finished, a prefix such as "
              + "notification.* or *");
        }
      }
    }
    f.throwIfInvalid();
    return new NewWebhook(url, secret, List.copyOf(events));
  }
}
