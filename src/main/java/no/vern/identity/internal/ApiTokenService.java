package no.vern.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiToken;
import no.vern.identity.ApiTokens;
import no.vern.identity.IssuedToken;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/** Issues and checks bearer tokens; secrets are 256 random bits, stored only as SHA-256. */
@Service
class ApiTokenService implements ApiTokens {

    /** The prototype of {@link #hash}'s digest. */
    private static final MessageDigest SHA_256 = sha256();

    static final String SECRET_PREFIX = "vern_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final TokenCache cache;

    ApiTokenService(ApiTokenStore store, AuditLog audit, Clock clock, TokenCache cache) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.cache = cache;
    }

    @Override
    public List<ApiToken> list() {
        return store.all();
    }

    @Override
    @Transactional
    public IssuedToken issue(String name, Set<ApiScope> scopes, @Nullable Instant expiresAt) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new IssuedToken(register(name, scopes, expiresAt, secret, Actors.current().reference()), secret);
    }

    @Override
    @Transactional
    public ApiToken revoke(UUID id) {
        if (store.byId(id).isEmpty()) {
            throw new NotFound("Token", id);
        }
        store.revoke(id, clock.instant());
        cache.changed(id);
        audit.record(AuditEvent.of("identity.token.revoked", Outcome.SUCCESS).withTargets("token:" + id));
        return store.byId(id).orElseThrow();
    }

    @Override
    @Transactional
    public List<ApiToken> revokeIssuedBy(String actorReference) {
        java.time.Instant now = clock.instant();
        List<ApiToken> revoked = store.all().stream()
                .filter(t -> t.createdBy().equals(actorReference) && t.revokedAt() == null).toList();
        for (ApiToken token : revoked) {
            store.revoke(token.id(), now);
            cache.changed(token.id());
            audit.record(AuditEvent.of("identity.token.revoked", Outcome.SUCCESS).withTargets("token:" + token.id()));
        }
        return revoked.stream().map(t -> store.byId(t.id()).orElseThrow()).toList();
    }

    /** Registers a secret chosen elsewhere (bootstrap token); does nothing if it is already known. */
    @Transactional
    void registerIfAbsent(String name, Set<ApiScope> scopes, String secret, String createdBy) {
        if (!store.existsByHash(hash(secret))) {
            register(name, scopes, null, secret, createdBy);
        }
    }

    /**
     * The active token behind a presented secret (from the node's short-lived token cache, see {@link TokenCache}),
     * recording its use at most once a minute.
     */
    Optional<ApiToken> authenticate(String secret) {
        Instant now = clock.instant();
        Optional<ApiToken> token = cache.byHash(hash(secret), store::byHash).filter(t -> t.activeAt(now));
        token.filter(t -> cache.shouldTouch(t.id(), now)).ifPresent(t -> store.touch(t.id(), now));
        return token;
    }

    private ApiToken register(String name, Set<ApiScope> scopes, @Nullable Instant expiresAt, String secret,
            String createdBy) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 80) {
            throw new InvalidInput("name", "must be 1 to 80 characters", trimmed.isEmpty() ? "error.field.required" : "error.field.tooLong", "80");
        }
        if (scopes.isEmpty()) {
            throw new InvalidInput("scopes", "at least one scope is required", "identity.error.noScope");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidInput("expiresAt", "must be in the future", "error.field.future");
        }
        ApiToken token = new ApiToken(UUID.randomUUID(), trimmed, secret.substring(0, Math.min(12, secret.length())),
                scopes, createdBy, now, expiresAt, null, null);
        store.insert(token, hash(secret));
        audit.record(AuditEvent.of("identity.token.issued", Outcome.SUCCESS).withTargets("token:" + token.id()));
        return token;
    }

    /**
     * SHA-256 of the secret. Every API call hashes its token: a copy of one digest instead of a provider lookup per call
     * ({@code MessageDigest.getInstance} was half of the hashing's samples, issue 28 item 2).
     */
    static byte[] hash(String secret) {
        try {
            return ((MessageDigest) SHA_256.clone()).digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
