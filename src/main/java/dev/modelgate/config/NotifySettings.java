package dev.modelgate.config;

import java.time.Duration;

/**
 * Settings of notifications and webhooks: how often SSE streams and the webhook dispatcher poll the store,
 * the SSE heartbeat, and the webhook retry policy (first back-off, attempts per delivery, consecutive
 * failures that disable a webhook), and whether webhooks may call internal addresses.
 */
public record NotifySettings(Duration pollInterval, Duration sseHeartbeat, Duration webhookBackoff,
    int webhookMaxAttempts, int webhookDisableAfter, boolean webhookAllowPrivate) {}
