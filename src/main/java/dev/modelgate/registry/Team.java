package dev.modelgate.registry;

import java.time.Instant;

/** A team: its slug is its identity in URLs, in group paths from Keycloak and in role grants. */
public record Team(String slug, String name, String description, String createdBy, Instant createdAt) {}
