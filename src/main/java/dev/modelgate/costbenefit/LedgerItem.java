package dev.modelgate.costbenefit;

import java.time.Instant;
import java.time.LocalDate;

/** One amount on a project's ledger: an infrastructure cost or a realised benefit, on a date. */
public record LedgerItem(String id, String projectId, LocalDate date, double amount, String category, String note,
    String createdBy, Instant createdAt) {}
