package dev.modelgate.pages;

/** One page's handler: runs on a virtual thread (blocking store and engine calls are fine). */
@FunctionalInterface
public interface PageHandler {
  PageResult handle(PageCall call) throws Exception;
}
