package dev.modelgate.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The application's database: the official MongoDB driver connected either to the embedded
 * MongoDB-wire server (no URI given) or to an external MongoDB. Nothing here needs multi-document
 * transactions: features rely on single-document atomic updates and unique indexes.
 */
public final class Store implements AutoCloseable {

  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);

  private final MongoClient client;
  private final MongoDatabase database;
  private final Optional<EmbeddedMongo> embedded;
  private final DurabilityBarrier barrier;
  private final String description;

  private Store(MongoClient client, MongoDatabase database, Optional<EmbeddedMongo> embedded, String description) {
    this.client = client;
    this.database = database;
    this.embedded = embedded;
    this.barrier = embedded.<DurabilityBarrier>map(EmbeddedBarrier::new).orElse(DurabilityBarrier.NONE);
    this.description = description;
  }

  /** The embedded store's barrier: commits the H2 file for the writes since a mark. */
  private record EmbeddedBarrier(EmbeddedMongo mongo) implements DurabilityBarrier {
    @Override
    public long mark() {
      return mongo.epoch();
    }

    @Override
    public void awaitDurable(long mark) {
      mongo.commit(mark);
    }

    @Override
    public boolean available() {
      return mongo.available();
    }
  }

  /** Opens the embedded store in {@code dataDir} when {@code uri} is empty, else connects to {@code uri}. */
  public static Store open(Optional<String> uri, String databaseName, Path dataDir) {
    return open(uri, databaseName, dataDir, DEFAULT_PROBE_INTERVAL);
  }

  /**
   * As {@link #open(Optional, String, Path)}; after a write failure the embedded store tries to reopen its
   * file every {@code probeInterval}.
   */
  public static Store open(Optional<String> uri, String databaseName, Path dataDir, Duration probeInterval) {
    if (uri.isPresent()) {
      MongoClient client = MongoClients.create(settings(uri.get())
          // An acknowledged write must survive a crash of the primary: journaled majority.
          .writeConcern(WriteConcern.MAJORITY.withJournal(true))
          .readConcern(ReadConcern.MAJORITY)
          .build());
      return new Store(client, client.getDatabase(databaseName), Optional.empty(), "external MongoDB");
    }
    EmbeddedMongo embedded = EmbeddedMongo.start(dataDir, probeInterval);
    try {
      MongoClient client = MongoClients.create(settings(embedded.connectionString()).build());
      return new Store(client, client.getDatabase(databaseName), Optional.of(embedded),
          "embedded MongoDB-wire store at " + dataDir.resolve(EmbeddedMongo.FILE_NAME).toAbsolutePath().normalize());
    } catch (RuntimeException e) {
      embedded.close();
      throw e;
    }
  }

  private static MongoClientSettings.Builder settings(String uri) {
    return MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .applicationName("modelgate")
        .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
        .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
        .applyToConnectionPoolSettings(b -> b.maxSize(200).maxWaitTime(10, TimeUnit.SECONDS));
  }

  public MongoDatabase database() {
    return database;
  }

  public MongoCollection<Document> collection(String name) {
    return database.getCollection(name);
  }

  public DurabilityBarrier durability() {
    return barrier;
  }

  public boolean isEmbedded() {
    return embedded.isPresent();
  }

  /**
   * The loopback connection string of the embedded MongoDB-wire server, so a second server process (a
   * replica in a test) can share this store through {@code MONGODB_URI}; empty on an external MongoDB.
   */
  public Optional<String> embeddedConnectionString() {
    return embedded.map(EmbeddedMongo::connectionString);
  }

  public String description() {
    return description;
  }

  /**
   * Whether the store can make writes durable now: false on the embedded store from a failed write (disk
   * full, read-only) until it reopened its file; an external MongoDB counts as available while it answers.
   */
  public boolean available() {
    return barrier.available() && ping();
  }

  /** Why the embedded store last became unavailable (empty if it never did, or on an external MongoDB). */
  public String lastFailure() {
    return embedded.map(EmbeddedMongo::lastFailure).orElse("");
  }

  /** True when the database answers a ping. */
  public boolean ping() {
    try {
      database.runCommand(new Document("ping", 1));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    client.close();
    embedded.ifPresent(e -> {
      e.commitAll();
      e.close();
    });
  }
}
