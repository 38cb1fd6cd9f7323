package dev.modelgate.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * The backend the wire server talks to, forwarding to the H2 backend of the store's current file. When
 * the H2 store fails (H2 closes its MVStore after an I/O error and never reopens it), a fresh backend on
 * the reopened file is switched in under the running wire server: the port, and the driver's pooled
 * connections to it, stay as they are, so clients need no reconnect.
 */
final class SwitchableBackend implements MongoBackend {

  private volatile MongoBackend current;

  SwitchableBackend(MongoBackend first) {
    this.current = first;
  }

  /** Makes {@code next} answer from now on; returns the one it replaces. */
  MongoBackend switchTo(MongoBackend next) {
    MongoBackend previous = current;
    current = next;
    return previous;
  }

  @Override
  public void handleClose(Channel channel) {
    current.handleClose(channel);
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    return current.handleCommand(channel, database, command, query);
  }

  @Override
  public QueryResult handleQuery(MongoQuery query) {
    return current.handleQuery(query);
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    return current.handleMessage(message);
  }

  @Override
  public void dropDatabase(String database) {
    current.dropDatabase(database);
  }

  @Override
  public Collection<Document> getCurrentOperations(MongoQuery query) {
    return current.getCurrentOperations(query);
  }

  @Override
  public Document getServerStatus() {
    return current.getServerStatus();
  }

  @Override
  public void close() {
    current.close();
  }

  @Override
  public void closeCursors(List<Long> cursorIds) {
    current.closeCursors(cursorIds);
  }

  @Override
  public Clock getClock() {
    return current.getClock();
  }

  @Override
  public void enableOplog() {
    current.enableOplog();
  }

  @Override
  public void disableOplog() {
    current.disableOplog();
  }

  @Override
  public MongoDatabase resolveDatabase(String database) {
    return current.resolveDatabase(database);
  }

  @Override
  public MongoBackend version(MongoVersion version) {
    current.version(version);
    return this;
  }
}
