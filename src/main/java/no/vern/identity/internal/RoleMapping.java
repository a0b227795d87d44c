package no.vern.identity.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import no.vern.identity.Role;

/**
 * Which Vern roles a person has from the groups (or other claim values) the identity provider says they are in:
 * configured as {@code value=ROLE,ROLE;value2=ROLE}. A value that is not mapped gives nothing; the mapping is the
 * only way a provider's group becomes a role, so a person taken out of the group loses the role.
 */
record RoleMapping(Map<String, Set<Role>> byValue) {

    RoleMapping {
        byValue = Map.copyOf(byValue);
    }

    /** Parses the setting; an unknown role name or a malformed entry stops the start (a typo must not grant). */
    static RoleMapping parse(String setting) {
        Map<String, Set<Role>> map = new LinkedHashMap<>();
        for (String entry : setting.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("A role mapping entry is 'value=ROLE,ROLE' (entry " + (map.size() + 1) + ")");
            }
            String value = entry.substring(0, eq).strip();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : entry.substring(eq + 1).split(",")) {
                try {
                    roles.add(Role.valueOf(role.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown role in the role mapping (entry " + (map.size() + 1)
                            + "); roles are " + java.util.Arrays.toString(Role.values()), e);
                }
            }
            map.merge(value, roles, (a, b) -> {
                Set<Role> both = EnumSet.copyOf(a);
                both.addAll(b);
                return both;
            });
        }
        return new RoleMapping(map);
    }

    /** The roles the given claim values (group names or ids) give together; empty when none is mapped. */
    Set<Role> rolesOf(Collection<String> values) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        values.forEach(v -> roles.addAll(byValue.getOrDefault(v, Set.of())));
        return roles;
    }

    boolean isEmpty() {
        return byValue.isEmpty();
    }
}
