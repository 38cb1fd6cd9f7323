package dev.modelgate.registry;

import java.time.Instant;

/** A project of one team, with the money figures that cost–benefit analysis starts from. */
public record Project(String id, String team, String slug, String name, String description,
    Double expectedBenefitPerMonth, Double budget, String currency, String createdBy, Instant createdAt) {}
