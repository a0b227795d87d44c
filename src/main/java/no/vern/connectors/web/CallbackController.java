package no.vern.connectors.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import no.vern.connectors.ExternalAnswers;

/**
 * Where webhook systems report results: public (the caller is another system without a session), but only
 * a correctly signed, fresh, never-seen callback for a step that waits for it is accepted.
 */
@RestController
class CallbackController {

    private final ExternalAnswers answers;

    CallbackController(ExternalAnswers answers) {
        this.answers = answers;
    }

    @PostMapping("/connectors/callback/{stepId}")
    @PreAuthorize("permitAll()")
    ResponseEntity<?> callback(@PathVariable UUID stepId, @RequestHeader(name = "X-Vern-Timestamp", required = false) @Nullable String timestamp,
            @RequestHeader(name = "X-Vern-Signature", required = false) @Nullable String signature,
            @RequestBody(required = false) byte @Nullable [] body) {
        var result = answers.callback(stepId, timestamp, signature, body == null ? new byte[0] : body);
        return switch (result) {
            case ACCEPTED -> ResponseEntity.noContent().build();
            case SETTLED -> problem(HttpStatus.CONFLICT, "step-settled", "The step is not waiting for a callback.");
            case UNKNOWN -> problem(HttpStatus.NOT_FOUND, "not-found", "No webhook step with this id.");
            case REFUSED -> problem(HttpStatus.UNAUTHORIZED, "invalid-signature",
                    "The callback's signature is missing, wrong, outside the replay window or was used before.");
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(java.net.URI.create("urn:vern:problem:" + slug));
        return ResponseEntity.status(status).body(problem);
    }
}
