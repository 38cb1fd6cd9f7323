/**
 * Rules every layer shares, in plain Java (no Vert.x, no driver, no feature): the domain refusals services
 * throw ({@link dev.modelgate.kernel.Refusal}, mapped to RFC 9457 only at the web edge), what a password may
 * contain, how an IP literal is read, which proxies are trusted. Configuration is checked with them before anything
 * else exists, so they can depend on nothing else.
 */
package dev.modelgate.kernel;
