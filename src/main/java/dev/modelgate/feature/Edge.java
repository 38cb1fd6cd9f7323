package dev.modelgate.feature;

import dev.modelgate.pages.PageKit;
import dev.modelgate.pages.PageMount;
import dev.modelgate.web.ApiRouter;

/**
 * The web edge a feature mounts on: the API router (its route tables and event streams, under
 * {@code /api/v1}), the page mount (its pages) and the page kit (sessions, CSRF, layout, and the
 * {@link dev.modelgate.pages.SubjectPages} where subject pages and their contributed sections meet).
 */
public record Edge(ApiRouter api, PageMount pages, PageKit kit) {}
