package dev.modelgate.pages;

/** How a page names a discussion's subject and where its page is (public: the templates read it). */
public record SubjectLink(String label, String href) {}
