package dev.orderplatform.conformance;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cluster DNS on one machine: every {@code host:port} that names a Service of the platform ({@code <svc>},
 * {@code <svc>.<ns>}, {@code <svc>.<ns>.svc[.cluster.local]}, or a pod behind it, {@code <pod>.<svc>...}) becomes
 * {@code 127.0.0.1:port}, the port as generated. Any other host left in an address fails: no pod could resolve it
 * either.
 */
final class HostMapping {

  static final String LOOPBACK = "127.0.0.1";

  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  /** A host followed by a port, where an address starts: after {@code //}, {@code =}, {@code ;}, {@code ,} or first. */
  private static final Pattern ADDRESS = Pattern.compile("(?:^|(?<=//|[=;,@\\s]))([A-Za-z0-9][A-Za-z0-9.-]*):(\\d{1,5})\\b");

  private final Pattern serviceHost;

  HostMapping(Collection<String> serviceNames, String namespace) {
    String services = serviceNames.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    String domain = "(\\." + Pattern.quote(namespace) + "(\\.svc(\\.cluster\\.local)?)?)?";
    serviceHost = Pattern.compile("(" + LABEL + "\\.)?(" + services + ")" + domain);
  }

  /** The text with every Service host mapped; fails on a host that is not one. */
  String apply(String text) {
    Matcher address = ADDRESS.matcher(text);
    var mapped = new StringBuilder();
    while (address.find()) {
      String host = address.group(1);
      if (!host.equals(LOOPBACK) && !serviceHost.matcher(host).matches()) {
        throw new IllegalStateException("'" + host + "' in '" + text + "' is not a Service of the platform: "
            + "no pod could resolve it");
      }
      address.appendReplacement(mapped, Matcher.quoteReplacement(LOOPBACK + ":" + address.group(2)));
    }
    address.appendTail(mapped);
    return mapped.toString();
  }

  /** Every value mapped; names unchanged. */
  Map<String, String> apply(Map<String, String> environment) {
    var mapped = new LinkedHashMap<String, String>();
    environment.forEach((name, value) -> mapped.put(name, apply(value)));
    return mapped;
  }
}
