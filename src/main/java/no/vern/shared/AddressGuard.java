package no.vern.shared;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one SSRF guard for every outbound call to an address someone configured (connector targets, webhook subscriptions): resolves the host once and refuses loopback, link-local (cloud
 * metadata at 169.254.169.254), private and unique-local, multicast, unspecified and reserved addresses,
 * also when written as IPv4-mapped/compatible IPv6 or NAT64, and refuses non-canonical numeric IPv4 forms
 * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}) outright. Loopback and private networks can be
 * allowed per caller by server setting (connectors, webhook subscriptions); link-local, multicast and unspecified never.
 */
public final class AddressGuard {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9a-fA-FxX.]+");
    private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");

    /** Per-connector exceptions to the default refusals. */
    public record Allowances(boolean loopback, boolean privateNetworks) {
        public static final Allowances NONE = new Allowances(false, false);
    }

    /**
     * Why an address is refused, as a code ({@code label.address-refusal.<code>} says it in the reader's language,
     * issue 23 item 2) and in English (the API's message); never the address itself.
     */
    public enum Reason {
        LOOPBACK("loopback", "loopback address refused", true),
        PRIVATE("private", "private address refused", true),
        UNIQUE_LOCAL("unique-local", "unique-local address refused", true),
        SITE_LOCAL("site-local", "site-local address refused", true),
        LINK_LOCAL("link-local", "link-local address refused", false),
        MULTICAST("multicast", "multicast address refused", false),
        UNSPECIFIED("unspecified", "unspecified address refused", false),
        RESERVED("reserved", "reserved address refused", false),
        NON_CANONICAL("non-canonical", "non-canonical numeric IPv4 host refused", false),
        INVALID_HOST("invalid-host", "invalid host name", false),
        UNRESOLVED("unresolved", "host does not resolve", false),
        INVALID_ADDRESS("invalid-address", "invalid address", false),
        INVALID_IPV6("invalid-ipv6", "invalid IPv6 literal", false),
        INVALID_IPV4("invalid-ipv4", "invalid IPv4 literal", false);

        private final String code;
        private final String english;
        private final boolean configurable;

        Reason(String code, String english, boolean configurable) {
            this.code = code;
            this.english = english;
            this.configurable = configurable;
        }

        /** The code ({@code loopback}, {@code link-local}, …). */
        public String code() {
            return code;
        }

        /** The English reason, as the API reports it. */
        public String english() {
            return english;
        }

        /** Whether the server's configuration can allow such an address (loopback, private networks). */
        public boolean configurable() {
            return configurable;
        }

        /** The reason as a stored message argument, said by {@code Labels.argument} from {@code label.address-refusal.<code>}. */
        public String argument() {
            return "label:address-refusal." + code;
        }
    }

    /** Why an address was refused (without the address itself in logs; the message names the class). */
    public static final class Refused extends Exception {
        private final Reason reason;

        public Refused(Reason reason) {
            super(reason.english());
            this.reason = reason;
        }

        /** Why, as a code. */
        public Reason reason() {
            return reason;
        }
    }

    private final HostResolver resolver;

    public AddressGuard(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** Resolves and checks a URL host; returns the first acceptable address (every address must pass). */
    public InetAddress check(String rawHost, Allowances allow) throws Refused {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<InetAddress> addresses;
        if (host.contains(":")) {
            addresses = List.of(literal6(host));
        } else if (NUMERIC_HOST.matcher(host).matches() && looksNumeric(host)) {
            if (!DOTTED_QUAD.matcher(host).matches()) {
                throw new Refused(Reason.NON_CANONICAL);
            }
            addresses = List.of(literal4(host));
        } else {
            if (!HOST_NAME.matcher(host).matches()) {
                throw new Refused(Reason.INVALID_HOST);
            }
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new Refused(Reason.UNRESOLVED);
            }
            if (addresses.isEmpty()) {
                throw new Refused(Reason.UNRESOLVED);
            }
        }
        for (InetAddress address : addresses) {
            Reason problem = refusal(address, allow);
            if (problem != null) {
                throw new Refused(problem);
            }
        }
        return addresses.get(0);
    }

    /**
     * Registration-time check without any DNS lookup: literal addresses and numeric forms are checked,
     * names pass (they are checked when called).
     */
    public void checkLiteral(String rawHost, Allowances allow) throws Refused {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") || host.contains(":") || NUMERIC_HOST.matcher(host).matches() && looksNumeric(host)) {
            check(rawHost, allow);
        } else if (!HOST_NAME.matcher(host).matches()) {
            throw new Refused(Reason.INVALID_HOST);
        }
    }

    /** A host is treated as numeric when every dot-separated label is a decimal, octal or hex number. */
    private static boolean looksNumeric(String host) {
        for (String label : host.split("\\.", -1)) {
            if (!label.matches("\\d+|0[xX][0-9a-fA-F]*")) {
                return false;
            }
        }
        return true;
    }

    /** Why this address may not be contacted under these allowances, or null if it may. */
    public static @Nullable Reason refusal(InetAddress address, Allowances allow) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return refusal(InetAddress.getByAddress(embedded), allow);
                } catch (UnknownHostException e) {
                    return Reason.INVALID_ADDRESS;
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return allow.privateNetworks() ? null : Reason.UNIQUE_LOCAL;
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return allow.privateNetworks() ? null : Reason.SITE_LOCAL;
            }
        }
        if (address.isAnyLocalAddress()) {
            return Reason.UNSPECIFIED;
        }
        if (address.isLoopbackAddress()) {
            return allow.loopback() ? null : Reason.LOOPBACK;
        }
        if (address.isLinkLocalAddress()) {
            return Reason.LINK_LOCAL;
        }
        if (address.isMulticastAddress()) {
            return Reason.MULTICAST;
        }
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Reason.UNSPECIFIED;
            }
            if (first >= 240) {
                return Reason.RESERVED;
            }
            boolean privateRange = first == 10 || first == 172 && second >= 16 && second <= 31
                    || first == 192 && second == 168 || first == 100 && second >= 64 && second <= 127
                    || first == 198 && (second == 18 || second == 19) || first == 192 && second == 0 && (b[2] & 0xff) == 0;
            if (privateRange) {
                return allow.privateNetworks() ? null : Reason.PRIVATE;
            }
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::/96) address. */
    private static byte @Nullable [] embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            return new byte[] { b[12], b[13], b[14], b[15] };
        }
        return null;
    }

    private static InetAddress literal6(String host) throws Refused {
        if (!host.matches("[0-9a-f:.]+")) {
            throw new Refused(Reason.INVALID_IPV6);
        }
        try {
            return InetAddress.getByName(host); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new Refused(Reason.INVALID_IPV6);
        }
    }

    private static InetAddress literal4(String host) throws Refused {
        String[] parts = host.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new Refused(Reason.INVALID_IPV4);
        }
    }
}
