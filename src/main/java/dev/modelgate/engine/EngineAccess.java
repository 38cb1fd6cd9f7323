package dev.modelgate.engine;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may call the engine. On loopback addresses (the default) anyone on this machine may, without
 * credentials. As soon as the gRPC gateway or the REST API listens on any other address, both require the
 * bearer token {@code MODELGATE_ENGINE_TOKEN} (the Camunda client's credentials provider sends it in the
 * {@code Authorization} header); without a token such an engine does not start. A token that is set is
 * required on loopback too.
 */
public final class EngineAccess {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] expected;

  private EngineAccess(String token) {
    this.expected = token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The access rule for these settings; refuses (with one line saying what to set) to expose an engine
   * beyond loopback without a token.
   */
  public static EngineAccess of(EngineSettings settings) {
    if (settings.token().isEmpty()) {
      for (String host : new String[] {settings.host(), settings.restHost()}) {
        if (!isLoopback(host)) {
          throw new IllegalStateException("the embedded engine would listen on " + host + ", which is not a loopback"
              + " address, without a token: set MODELGATE_ENGINE_TOKEN (clients then send it as a bearer token) or"
              + " listen on 127.0.0.1");
        }
      }
    }
    return new EngineAccess(settings.token());
  }

  /** Whether every address the host name stands for is a loopback address (unresolvable: no). */
  public static boolean isLoopback(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress a : addresses) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public boolean required() {
    return expected != null;
  }

  /** Whether a request with this {@code Authorization} header value may call the engine. */
  public boolean allows(String authorization) {
    if (expected == null) {
      return true;
    }
    return authorization != null
        && MessageDigest.isEqual(expected, authorization.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** The same rule for the gRPC gateway: UNAUTHENTICATED without the token. */
  public ServerInterceptor grpcInterceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        if (allows(headers.get(AUTHORIZATION))) {
          return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(
            "the embedded engine requires a bearer token (MODELGATE_ENGINE_TOKEN)"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
    };
  }
}
