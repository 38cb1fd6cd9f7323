package dev.modelgate.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A small bounded cache whose entries expire, for verified credentials and principals. */
public final class ExpiringCache<K, V> {

  private record Entry<V>(V value, long expiresAtMillis) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;

  public ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  public Optional<V> get(K key) {
    Entry<V> e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (e.expiresAtMillis() < clock.millis()) {
      entries.remove(key, e);
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  public void put(K key, V value) {
    put(key, value, Long.MAX_VALUE);
  }

  /** Puts an entry that expires at the earlier of the cache's TTL and {@code notAfterMillis}. */
  public void put(K key, V value, long notAfterMillis) {
    if (entries.size() >= maxEntries) {
      evictExpiredOrAny();
    }
    entries.put(key, new Entry<>(value, Math.min(notAfterMillis, clock.millis() + ttl.toMillis())));
  }

  public int size() {
    return entries.size();
  }

  public void remove(K key) {
    entries.remove(key);
  }

  public void removeIf(java.util.function.BiPredicate<K, V> test) {
    entries.entrySet().removeIf(e -> test.test(e.getKey(), e.getValue().value()));
  }

  private void evictExpiredOrAny() {
    long now = clock.millis();
    entries.values().removeIf(e -> e.expiresAtMillis() < now);
    Iterator<K> it = entries.keySet().iterator();
    while (entries.size() >= maxEntries && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
