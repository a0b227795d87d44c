package no.vern.identity.api;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiToken;
import no.vern.identity.ApiTokens;
import no.vern.identity.IssuedToken;
import no.vern.shared.InvalidInput;

/** API token administration (scope {@code users:admin}); the secret is returned once at issue. */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "API tokens", description = "Bearer tokens for the company's other systems")
class TokenApi {

    private final ApiTokens tokens;

    TokenApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record TokenView(UUID id, String name, String prefix, List<String> scopes, String createdBy, Instant createdAt,
            @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {

        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.prefix(), t.scopes().stream().map(ApiScope::value).sorted().toList(),
                    t.createdBy(), t.createdAt(), t.expiresAt(), t.revokedAt(), t.lastUsedAt());
        }
    }

    record IssueToken(String name, List<String> scopes, @Nullable Instant expiresAt) {
    }

    record IssuedView(TokenView token, String secret) {

        @Override
        public String toString() {
            return "IssuedView[token=" + token.id() + ", secret=***]";
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "listTokens", summary = "List API tokens (never their secrets)")
    List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "issueToken", summary = "Issue a token", description = "The response holds the secret; it cannot be shown again.")
    ResponseEntity<IssuedView> issue(@RequestBody IssueToken body) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String value : body.scopes() == null ? List.<String>of() : body.scopes()) {
            scopes.add(ApiScope.fromValue(value).orElseThrow(() -> new InvalidInput("scopes", "unknown scope", "identity.error.unknownScope")));
        }
        IssuedToken issued = tokens.issue(body.name(), scopes, body.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id()))
                .body(new IssuedView(TokenView.of(issued.token()), issued.secret()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "revokeToken", summary = "Revoke a token at once")
    TokenView revoke(@PathVariable UUID id) {
        return TokenView.of(tokens.revoke(id));
    }
}
