package dev.modelgate.feature;

import dev.modelgate.audit.AuditLog;
import dev.modelgate.config.Config;
import dev.modelgate.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What every feature builds on, opened by the root before any feature: configuration, the store, the
 * clock (tests move it), the audit log every feature writes to, the metrics registry, the executor for
 * blocking work (virtual threads) and Vert.x.
 */
public record Foundation(Config config, Store store, Clock clock, AuditLog auditLog, MeterRegistry metrics,
    ExecutorService blocking, Vertx vertx) {}
