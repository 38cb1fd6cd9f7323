package dev.modelgate.store;

import org.bson.types.ObjectId;

/** Identifiers of stored documents: ObjectIds as hex, so they sort by creation time. */
public final class Ids {
  private Ids() {}

  public static String newId() {
    return new ObjectId().toHexString();
  }

  public static boolean isValid(String id) {
    return id != null && ObjectId.isValid(id);
  }
}
