package dev.modelgate.pages;

/** One row of a time report drawn as a bar whose width is proportional to its time (public: templates read it). */
public record ReportBar(String key, String label, long minutes, long count, double width) {}
