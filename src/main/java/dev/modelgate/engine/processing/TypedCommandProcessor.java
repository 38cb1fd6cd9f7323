package dev.modelgate.engine.processing;

/**
 * Processes one kind of command (Zeebe's shape: {@code JobCompleteProcessor}, {@code JobFailProcessor},
 * …). It validates the command against the state, and changes state only through the behaviours, which
 * append events to the {@link StateWriter}.
 *
 * <p>It returns what the caller is answered once the batch is durable, a {@link Rejection} (nothing
 * changed), or null when there is no answer now (long polls, awaited results, internal commands). A
 * bad variables document is refused by throwing {@link CommandRejection} before anything changes.
 */
@FunctionalInterface
public interface TypedCommandProcessor<C extends Command> {
  Object process(C command, Responder responder);
}
