package dev.modelgate.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A small bounded cache whose entries expire, for verified credentials and principals. */
final class ExpiringCache<K, V> {

  private record Entry<V>(V value, long expiresAtMillis) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;

  ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  Optional<V> get(K key) {
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

  void put(K key, V value) {
    if (entries.size() >= maxEntries) {
      evictExpiredOrAny();
    }
    entries.put(key, new Entry<>(value, clock.millis() + ttl.toMillis()));
  }

  void remove(K key) {
    entries.remove(key);
  }

  void removeIf(java.util.function.BiPredicate<K, V> test) {
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
