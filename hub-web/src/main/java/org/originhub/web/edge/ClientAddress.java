package org.originhub.web.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The address a request came from. The TCP peer, unless the peer is one of {@code HUB_TRUSTED_PROXIES}: then the
 * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy (the left part of that header is
 * whatever the client wrote, so only the hops added by trusted proxies count).
 */
public final class ClientAddress {

    private static final Pattern IP_LITERAL =
            Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}|[0-9a-f]*:[0-9a-f:]*(:(\\d{1,3}\\.){3}\\d{1,3})?");

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request, Set<String> trustedProxies) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), trustedProxies);
    }

    static String of(String peer, String forwardedFor, Set<String> trustedProxies) {
        String client = normal(peer);
        if (forwardedFor == null || !trustedProxies.contains(client)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normal(hops[i]);
            if (hop.isEmpty()) {
                break;
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        return client;
    }

    /** Whether the TCP peer is a trusted proxy (then its forwarded headers are believed). */
    static boolean fromTrustedProxy(HttpServletRequest request, Set<String> trustedProxies) {
        return trustedProxies.contains(normal(request.getRemoteAddr()));
    }

    /**
     * One spelling per address: an IP literal in the JDK's form ({@code ::1} and {@code 0:0:0:0:0:0:0:1} are the same
     * peer), anything else lower-case and shortened. Only literals are parsed, so nothing is looked up in DNS.
     */
    static String normal(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("/")) {
            a = a.substring(1);
        }
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone > 0 && a.contains(":")) {
            a = a.substring(0, zone);
        }
        if (IP_LITERAL.matcher(a).matches()) {
            try {
                return InetAddress.getByName(a).getHostAddress();
            } catch (UnknownHostException e) {
                // not an address after all: kept as written
            }
        }
        return a.length() > 64 ? a.substring(0, 64) : a;
    }
}
