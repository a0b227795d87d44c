package no.vern.identity.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import no.vern.identity.internal.ScimProvisioning.ScimError;

/**
 * SCIM 2.0 (RFC 7643/7644) for the identity provider at {@code /scim/v2}: Users and Groups with create, read, the
 * {@code userName eq "…"} / {@code externalId eq "…"} / {@code displayName eq "…"} filters, PATCH (the
 * {@code active} flag, group members and name), PUT and DELETE, {@code ListResponse} paging and the SCIM error
 * schema. Vern keeps no names, e-mails or phone numbers of staff from SCIM: attributes other than {@code userName},
 * {@code externalId}, {@code active} (users) and {@code displayName}, {@code externalId}, {@code members} (groups)
 * are accepted and not stored, and the ServiceProviderConfig says what is supported. Only the provider's token
 * ({@code scim:provision}) reaches it; it lives in {@code internal} because it drives identity's internals.
 */
@RestController
@RequestMapping(path = "/scim/v2", produces = { ScimController.SCIM_JSON, MediaType.APPLICATION_JSON_VALUE })
class ScimController {

    static final String SCIM_JSON = "application/scim+json";
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final Pattern EQ_FILTER = Pattern.compile("\\s*(\\w+)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MEMBER_PATH = Pattern.compile("members\\[value eq \"([^\"]+)\"\\]", Pattern.CASE_INSENSITIVE);
    private static final int MAX_RESULTS = 200;

    private final ScimProvisioning provisioning;
    private final ScimDirectory directory;

    ScimController(ScimProvisioning provisioning, ScimDirectory directory) {
        this.provisioning = provisioning;
        this.directory = directory;
    }

    @GetMapping("/ServiceProviderConfig")
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> serviceProviderConfig() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"));
        body.put("patch", Map.of("supported", true));
        body.put("bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0));
        body.put("filter", Map.of("supported", true, "maxResults", MAX_RESULTS));
        body.put("changePassword", Map.of("supported", false));
        body.put("sort", Map.of("supported", false));
        body.put("etag", Map.of("supported", false));
        body.put("authenticationSchemes", List.of(Map.of("type", "oauthbearertoken", "name", "OAuth Bearer Token",
                "description", "A Vern API token with the scope scim:provision", "primary", true)));
        return body;
    }

    @GetMapping("/Users")
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> users(@RequestParam(required = false) @Nullable String filter,
            @RequestParam(defaultValue = "1") int startIndex, @RequestParam(defaultValue = "100") int count) {
        String userName = null;
        String externalId = null;
        if (filter != null && !filter.isBlank()) {
            String[] f = equality(filter);
            switch (f[0]) {
                case "username" -> userName = f[1];
                case "externalid" -> externalId = f[1];
                default -> throw new ScimError(HttpStatus.BAD_REQUEST, "invalidFilter",
                        "Users can be filtered by userName eq or externalId eq only.");
            }
        }
        return list(directory.users(userName, externalId).stream().map(ScimController::user).toList(), startIndex, count);
    }

    @GetMapping("/Users/{id}")
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> user(@PathVariable UUID id) {
        return user(provisioning.user(id));
    }

    @PostMapping(path = "/Users", consumes = { SCIM_JSON, MediaType.APPLICATION_JSON_VALUE })
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    ResponseEntity<Map<String, Object>> createUser(@RequestBody Map<String, Object> body) {
        ScimDirectory.ScimUser created = provisioning.createUser(text(body, "userName"), optionalText(body, "externalId"),
                bool(body.getOrDefault("active", Boolean.TRUE)));
        Map<String, Object> resource = user(created);
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/scim/v2/Users/" + created.id())
                .body(resource);
    }

    @PutMapping(path = "/Users/{id}", consumes = { SCIM_JSON, MediaType.APPLICATION_JSON_VALUE })
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> replaceUser(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        return user(provisioning.replaceUser(id, text(body, "userName"), optionalText(body, "externalId"),
                bool(body.getOrDefault("active", Boolean.TRUE))));
    }

    @PatchMapping(path = "/Users/{id}", consumes = { SCIM_JSON, MediaType.APPLICATION_JSON_VALUE })
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> patchUser(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        ScimDirectory.ScimUser user = provisioning.user(id);
        for (Map<?, ?> op : operations(body)) {
            String kind = String.valueOf(op.get("op")).toLowerCase(Locale.ROOT);
            Object path = op.get("path");
            Object value = op.get("value");
            if (!kind.equals("replace") && !kind.equals("add")) {
                continue; // removing attributes Vern does not keep changes nothing
            }
            if (path == null && value instanceof Map<?, ?> values) {
                if (values.containsKey("active")) {
                    user = provisioning.setActive(id, bool(values.get("active")));
                }
                if (values.containsKey("externalId")) {
                    user = provisioning.setExternalId(id, values.get("externalId") == null ? null
                            : String.valueOf(values.get("externalId")));
                }
            } else if (path != null && path.toString().equalsIgnoreCase("active")) {
                user = provisioning.setActive(id, bool(value));
            } else if (path != null && path.toString().equalsIgnoreCase("externalId")) {
                user = provisioning.setExternalId(id, value == null ? null : String.valueOf(value));
            } else if (path != null && path.toString().equalsIgnoreCase("userName") && value != null) {
                user = provisioning.replaceUser(id, String.valueOf(value), user.externalId(), user.active());
            }
        }
        return user(user);
    }

    @DeleteMapping("/Users/{id}")
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    ResponseEntity<Void> deleteUser(@PathVariable UUID id) {
        provisioning.deleteUser(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/Groups")
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> groups(@RequestParam(required = false) @Nullable String filter,
            @RequestParam(defaultValue = "1") int startIndex, @RequestParam(defaultValue = "100") int count) {
        String name = null;
        if (filter != null && !filter.isBlank()) {
            String[] f = equality(filter);
            if (!f[0].equals("displayname")) {
                throw new ScimError(HttpStatus.BAD_REQUEST, "invalidFilter", "Groups can be filtered by displayName eq only.");
            }
            name = f[1];
        }
        return list(directory.groups(name).stream().map(ScimController::group).toList(), startIndex, count);
    }

    @GetMapping("/Groups/{id}")
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> group(@PathVariable UUID id) {
        return group(provisioning.group(id));
    }

    @PostMapping(path = "/Groups", consumes = { SCIM_JSON, MediaType.APPLICATION_JSON_VALUE })
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    ResponseEntity<Map<String, Object>> createGroup(@RequestBody Map<String, Object> body) {
        ScimDirectory.ScimGroup created = provisioning.createGroup(text(body, "displayName"),
                optionalText(body, "externalId"), members(body.get("members")));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/scim/v2/Groups/" + created.id())
                .body(group(created));
    }

    @PutMapping(path = "/Groups/{id}", consumes = { SCIM_JSON, MediaType.APPLICATION_JSON_VALUE })
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> replaceGroup(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        return group(provisioning.replaceGroup(id, text(body, "displayName"), optionalText(body, "externalId"),
                members(body.get("members"))));
    }

    @PatchMapping(path = "/Groups/{id}", consumes = { SCIM_JSON, MediaType.APPLICATION_JSON_VALUE })
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    Map<String, Object> patchGroup(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        provisioning.group(id);
        String rename = null;
        Set<UUID> add = new HashSet<>();
        Set<UUID> remove = new HashSet<>();
        boolean removeAll = false;
        for (Map<?, ?> op : operations(body)) {
            String kind = String.valueOf(op.get("op")).toLowerCase(Locale.ROOT);
            String path = op.get("path") == null ? "" : String.valueOf(op.get("path"));
            Object value = op.get("value");
            Matcher member = MEMBER_PATH.matcher(path);
            if (kind.equals("add") && path.equalsIgnoreCase("members")) {
                add.addAll(members(value));
            } else if (kind.equals("remove") && member.matches()) {
                remove.add(uuid(member.group(1)));
            } else if (kind.equals("remove") && path.equalsIgnoreCase("members")) {
                if (value == null) {
                    removeAll = true;
                } else {
                    remove.addAll(members(value));
                }
            } else if (kind.equals("replace") && path.equalsIgnoreCase("members")) {
                removeAll = true;
                add.addAll(members(value));
            } else if (kind.equals("replace") && path.equalsIgnoreCase("displayName") && value != null) {
                rename = String.valueOf(value);
            } else if (kind.equals("replace") && path.isEmpty() && value instanceof Map<?, ?> values) {
                if (values.get("displayName") != null) {
                    rename = String.valueOf(values.get("displayName"));
                }
                if (values.containsKey("members")) {
                    removeAll = true;
                    add.addAll(members(values.get("members")));
                }
            } else {
                throw new ScimError(HttpStatus.BAD_REQUEST, "invalidPath", "This PATCH operation is not supported for groups.");
            }
        }
        return group(provisioning.patchGroup(id, rename, add, remove, removeAll));
    }

    @DeleteMapping("/Groups/{id}")
    @PreAuthorize("hasAuthority('SCOPE_scim:provision')")
    ResponseEntity<Void> deleteGroup(@PathVariable UUID id) {
        provisioning.deleteGroup(id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ScimError.class)
    ResponseEntity<Map<String, Object>> scimError(ScimError error) {
        return error(error.status(), error.scimType(), java.util.Objects.requireNonNullElse(error.getMessage(), "Error"));
    }

    @ExceptionHandler({ org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.http.converter.HttpMessageNotReadableException.class })
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return error(HttpStatus.BAD_REQUEST, "invalidSyntax", "The request is not valid SCIM JSON.");
    }

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, @Nullable String scimType, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(ERROR_SCHEMA));
        body.put("status", Integer.toString(status.value()));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(SCIM_JSON)).body(body);
    }

    private static Map<String, Object> user(ScimDirectory.ScimUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(USER_SCHEMA));
        body.put("id", user.id().toString());
        if (user.externalId() != null) {
            body.put("externalId", user.externalId());
        }
        body.put("userName", user.userName());
        body.put("active", user.active());
        body.put("meta", meta("User", "/scim/v2/Users/" + user.id(), user.created(), user.lastModified()));
        return body;
    }

    private static Map<String, Object> group(ScimDirectory.ScimGroup group) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(GROUP_SCHEMA));
        body.put("id", group.id().toString());
        if (group.externalId() != null) {
            body.put("externalId", group.externalId());
        }
        body.put("displayName", group.displayName());
        body.put("members", group.members().stream().sorted()
                .map(m -> Map.of("value", m.toString(), "$ref", "/scim/v2/Users/" + m, "type", "User")).toList());
        body.put("meta", meta("Group", "/scim/v2/Groups/" + group.id(), group.created(), group.lastModified()));
        return body;
    }

    private static Map<String, Object> meta(String type, String location, Instant created, Instant modified) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceType", type);
        meta.put("created", created.toString());
        meta.put("lastModified", modified.toString());
        meta.put("location", location);
        return meta;
    }

    private static Map<String, Object> list(List<Map<String, Object>> all, int startIndex, int count) {
        int start = Math.max(1, startIndex);
        int size = Math.max(0, Math.min(count, MAX_RESULTS));
        List<Map<String, Object>> page = all.stream().skip(start - 1L).limit(size).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(LIST_SCHEMA));
        body.put("totalResults", all.size());
        body.put("startIndex", start);
        body.put("itemsPerPage", page.size());
        body.put("Resources", page);
        return body;
    }

    /** An {@code attribute eq "value"} filter: the attribute in lower case and the unescaped value. */
    private static String[] equality(String filter) {
        Matcher m = EQ_FILTER.matcher(filter);
        if (!m.matches()) {
            throw new ScimError(HttpStatus.BAD_REQUEST, "invalidFilter", "Only 'attribute eq \"value\"' filters are supported.");
        }
        return new String[] { m.group(1).toLowerCase(Locale.ROOT), m.group(2).replaceAll("\\\\(.)", "$1") };
    }

    private static List<Map<?, ?>> operations(Map<String, Object> body) {
        if (!(body.get("Operations") instanceof Collection<?> ops)) {
            throw new ScimError(HttpStatus.BAD_REQUEST, "invalidSyntax", "A PATCH needs Operations (" + PATCH_SCHEMA + ").");
        }
        List<Map<?, ?>> result = new ArrayList<>();
        for (Object op : ops) {
            if (!(op instanceof Map<?, ?> map) || map.get("op") == null) {
                throw new ScimError(HttpStatus.BAD_REQUEST, "invalidSyntax", "Each operation needs an op.");
            }
            result.add(map);
        }
        return result;
    }

    private static Set<UUID> members(@Nullable Object value) {
        Set<UUID> ids = new HashSet<>();
        if (value == null) {
            return ids;
        }
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(value);
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || m.get("value") == null) {
                throw new ScimError(HttpStatus.BAD_REQUEST, "invalidValue", "A member needs a value (the user's id).");
            }
            ids.add(uuid(String.valueOf(m.get("value"))));
        }
        return ids;
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ScimError(HttpStatus.BAD_REQUEST, "invalidValue", "A member is not a provisioned user.");
        }
    }

    private static String text(Map<String, Object> body, String attribute) {
        Object value = body.get(attribute);
        if (value == null || value.toString().isBlank()) {
            throw new ScimError(HttpStatus.BAD_REQUEST, "invalidValue", attribute + " is required.");
        }
        return value.toString();
    }

    private static @Nullable String optionalText(Map<String, Object> body, String attribute) {
        Object value = body.get(attribute);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** SCIM booleans, also as some providers send them: the strings "True" and "False". */
    private static boolean bool(@Nullable Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value != null && (value.toString().equalsIgnoreCase("true") || value.toString().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.toString());
        }
        throw new ScimError(HttpStatus.BAD_REQUEST, "invalidValue", "active must be true or false.");
    }
}
