package io.cupnet.internal.guard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.cupnet.options.InvalidOptionException;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * A list of CIDR ranges, IPv4 or IPv6: the ranges inbound connections may come from (option
 * {@code server.allowedPeers}, where an empty list allows every address), or the trusted
 * gateways and proxies whose connections may speak for peers at other addresses (option
 * {@code server.trustedProxies}, where an empty list trusts none).
 *
 * <p>Ranges are parsed as literals: host names are refused, never resolved.
 */
public final class AllowedPeers {

    private static final String REQUIREMENT = "a list of CIDR ranges such as 10.0.0.0/8 or fd00::/8 "
            + "(a bare IP address is a range of one; host names are not resolved)";

    private final List<String> ranges;

    private final List<IpSubnetFilterRule> rules;

    private AllowedPeers(List<String> ranges, List<IpSubnetFilterRule> rules) {
        this.ranges = ranges;
        this.rules = rules;
    }

    /**
     * Parses the ranges of option {@code server.allowedPeers}, such as {@code 10.0.0.0/8}, {@code fd00::/8} or
     * {@code 192.168.1.7}.
     * @throws InvalidOptionException naming option {@code server.allowedPeers} and the first invalid range
     */
    public static AllowedPeers parse(List<String> ranges) {
        return parse("server.allowedPeers", ranges);
    }

    /**
     * Parses the ranges of {@code option}.
     * @throws InvalidOptionException naming {@code option} and the first invalid range
     */
    public static AllowedPeers parse(String option, List<String> ranges) {
        List<IpSubnetFilterRule> rules = new ArrayList<>(ranges.size());
        for (String range : ranges) {
            rules.add(rule(option, range));
        }
        return new AllowedPeers(List.copyOf(ranges), List.copyOf(rules));
    }

    /** Whether every address is allowed, because no range is configured. */
    public boolean allowsAll() {
        return this.rules.isEmpty();
    }

    /** Whether a connection from {@code remote} may stay open. */
    public boolean allows(SocketAddress remote) {
        if (this.rules.isEmpty()) {
            return true;
        }
        if (!(remote instanceof InetSocketAddress address) || address.getAddress() == null) {
            return false;
        }
        for (IpSubnetFilterRule rule : this.rules) {
            if (rule.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code remote} lies in one of the ranges; never for an empty list. */
    public boolean contains(SocketAddress remote) {
        return !this.rules.isEmpty() && allows(remote);
    }

    @Override
    public String toString() {
        return this.ranges.toString();
    }

    private static IpSubnetFilterRule rule(String option, String range) {
        String trimmed = (range != null) ? range.trim() : "";
        int slash = trimmed.indexOf('/');
        String ip = (slash < 0) ? trimmed : trimmed.substring(0, slash);
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(ip);
        if (address == null) {
            throw new InvalidOptionException(option, range, REQUIREMENT);
        }
        int bits = address.getAddress().length * 8;
        int prefix = (slash < 0) ? bits : prefix(option, range, trimmed.substring(slash + 1), bits);
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    private static int prefix(String option, String range, String text, int bits) {
        try {
            int prefix = Integer.parseInt(text);
            if (prefix >= 0 && prefix <= bits) {
                return prefix;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new InvalidOptionException(option, range,
                "a CIDR range whose prefix length is between 0 and " + bits + " for its address");
    }

}
