package dev.modelgate.pages;

/** One link of the navigation bar (public: the templates read it). */
public record NavLink(String id, String href, String label) {}
