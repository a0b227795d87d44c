package no.vern.crypto.api;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

import no.vern.crypto.CryptoShredder;

/** Admin action: re-apply the shred ledger to the key store (after restoring a backup). */
@RestController
@RequestMapping("/api/v1/crypto")
class ShredReplayController {

    /**
     * The response: how many keys the replay destroyed.
     *
     * @param destroyed keys that had come back and are gone again
     */
    record ReplayResult(int destroyed) {
    }

    private final CryptoShredder shredder;

    ShredReplayController(CryptoShredder shredder) {
        this.shredder = shredder;
    }

    @Operation(operationId = "replayShredLedger")
    @PostMapping("/shred-replay")
    @PreAuthorize("hasAuthority('SCOPE_subjects:erase')")
    ReplayResult replay() {
        return new ReplayResult(shredder.replayLedger());
    }
}
