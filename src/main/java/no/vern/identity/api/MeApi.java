package no.vern.identity.api;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.shared.Actors;

/** Tells an API client who it is and what its token may do, for scripts checking their setup. */
@RestController
@Tag(name = "API tokens")
class MeApi {

    record Me(String actor, List<String> authorities) {
    }

    @GetMapping("/api/v1/me")
    @PreAuthorize("isAuthenticated()")
    @Operation(operationId = "getMe", summary = "The calling client and its scopes")
    Me me(Authentication authentication) {
        return new Me(Actors.current().reference(),
                authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
    }
}
