package dev.modelgate.engine.log;

import dev.modelgate.engine.state.EngineState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;

/**
 * A SHA-256 digest of the whole engine state: the snapshot document with its lists sorted by key where
 * the state keeps them in hash order (which depends on a map's history, not on its content). Two states
 * with the same digest hold the same instances, jobs, timers, subscriptions, messages, incidents, user
 * tasks, keys and log position.
 */
public final class StateFingerprint {
  private StateFingerprint() {}

  public static String of(EngineState state) {
    Document d = SnapshotCodec.write(state);
    for (String list : List.of("definitions", "instances", "jobs", "timers", "subscriptions", "messages", "incidents",
        "signals", "compensations", "userTasks")) {
      List<Document> items = new ArrayList<>(d.getList(list, Document.class));
      items.sort(Comparator.comparingLong(x -> ((Number) x.get("key")).longValue()));
      d.put(list, items);
    }
    List<Long> activatable = new ArrayList<>();
    for (Object o : d.getList("activatable", Object.class)) {
      activatable.add(((Number) o).longValue());
    }
    activatable.sort(null);
    d.put("activatable", activatable);
    List<Document> started = new ArrayList<>(d.getList("messageStarted", Document.class));
    started.sort(Comparator.comparing(x -> x.getString("k")));
    d.put("messageStarted", started);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(d.toJson().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
