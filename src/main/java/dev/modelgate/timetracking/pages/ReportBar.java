package dev.modelgate.timetracking.pages;

/**
 * One row of a time report drawn as a bar whose width is proportional to its time (public: templates read it).
 * {@code minutes} is fractional because workflow-step rows carry seconds.
 */
public record ReportBar(String key, String label, double minutes, long count, double width) {}
