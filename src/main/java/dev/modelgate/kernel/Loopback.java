package dev.modelgate.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a host name or address only ever reaches this machine (every address it resolves to is loopback). */
public final class Loopback {
  private Loopback() {}

  public static boolean is(String host) {
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
}
