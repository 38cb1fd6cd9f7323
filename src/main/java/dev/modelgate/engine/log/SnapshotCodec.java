package dev.modelgate.engine.log;

import dev.modelgate.engine.state.EngineState;
import org.bson.Document;

/** Writes the engine state as one document and reads it back. */
public final class SnapshotCodec {
  private SnapshotCodec() {}

  public static Document write(EngineState state) {
    throw new UnsupportedOperationException("snapshots are not written yet");
  }

  public static void read(Document document, EngineState state) {
    throw new UnsupportedOperationException();
  }
}
