package dev.modelgate.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

/** Recognises unique-index violations, the store's way of saying "already exists". */
public final class Duplicates {
  private Duplicates() {}

  public static boolean isDuplicateKey(RuntimeException e) {
    return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
