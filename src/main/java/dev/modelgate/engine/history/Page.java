package dev.modelgate.engine.history;

import java.util.List;

/** One page of a search: the items from the requested offset, and how many matched in all. */
public record Page<T>(List<T> items, long total) {}
