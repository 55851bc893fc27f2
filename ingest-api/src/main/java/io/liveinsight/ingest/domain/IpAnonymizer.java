package io.liveinsight.ingest.domain;

/**
 * Keeps an address's network and drops the host: IPv4 to its /24, IPv6 to its /48
 * (docs/contract/events.md#fields-the-edge-sets).
 */
public final class IpAnonymizer {

    private IpAnonymizer() {}

    /** The anonymised address, or null when the input is not an IP literal. */
    public static String anonymize(String ip) {
        if (ip == null || ip.isBlank()) {
            return null;
        }
        String value = ip.strip();
        if (value.indexOf(':') < 0) {
            String[] parts = value.split("\\.");
            if (parts.length != 4 || !allOctets(parts)) {
                return null;
            }
            return parts[0] + "." + parts[1] + "." + parts[2] + ".0";
        }
        return anonymizeV6(value);
    }

    private static boolean allOctets(String[] parts) {
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String anonymizeV6(String value) {
        int zone = value.indexOf('%');
        String address = zone >= 0 ? value.substring(0, zone) : value;
        if (!address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        String[] groups = expand(address);
        if (groups == null) {
            return null;
        }
        return groups[0] + ":" + groups[1] + ":" + groups[2] + "::";
    }

    /** The eight groups of an IPv6 literal (without an embedded IPv4 tail), or null if it is not one. */
    private static String[] expand(String address) {
        String[] out = new String[8];
        int doubleColon = address.indexOf("::");
        if (doubleColon != address.lastIndexOf("::")) {
            return null;
        }
        String[] head = doubleColon >= 0 ? split(address.substring(0, doubleColon)) : split(address);
        String[] tail = doubleColon >= 0 ? split(address.substring(doubleColon + 2)) : new String[0];
        if (head.length + tail.length > 8 || (doubleColon < 0 && head.length != 8)) {
            return null;
        }
        java.util.Arrays.fill(out, "0");
        for (int i = 0; i < head.length; i++) {
            out[i] = head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            out[8 - tail.length + i] = tail[i];
        }
        for (String group : out) {
            if (group.isEmpty() || group.length() > 4 || group.contains(".")) {
                return null;
            }
        }
        for (int i = 0; i < 3; i++) {
            out[i] = Integer.toHexString(Integer.parseInt(out[i], 16));
        }
        return out;
    }

    private static String[] split(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }
}
