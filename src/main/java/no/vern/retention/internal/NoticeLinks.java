package no.vern.retention.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.shared.IdSigner;

/**
 * Signs and checks the links of notices before deletion ({@link IdSigner}); the key is
 * {@code vern.retention.link-key} when set, otherwise the one stored in {@code retention_link_key}.
 */
@Component
class NoticeLinks {

    private final IdSigner signer;

    NoticeLinks(JdbcClient jdbc, Clock clock, @Value("${vern.retention.link-key:}") String configured) {
        this.signer = new IdSigner(jdbc, clock, "retention_link_key", "vern.retention.link-key", configured);
    }

    /** The token for a notice. */
    String sign(UUID noticeId) {
        return signer.sign(noticeId);
    }

    /** The notice id of a token whose signature is valid. */
    Optional<UUID> verify(String token) {
        return signer.verify(token);
    }
}
