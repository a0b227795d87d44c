package no.vern.requests.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.BlindIndex;
import no.vern.requests.AccessExport;
import no.vern.requests.NewRequest;
import no.vern.requests.PrivacyCenter;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests;
import no.vern.shared.KeyedRateLimit;
import no.vern.shared.TooManyRequests;

/**
 * The privacy center's side of a case: web-form receipt, one-time codes sent only to an address on file
 * (GDPR Art. 12(6); EDPB Guidelines 01/2022), and the access export behind that verification. Codes are
 * six digits, kept only as a keyed hash (the blind-index key, outside the database), valid for minutes,
 * single-use, limited in attempts and compared in constant time.
 */
@Service
class PrivacyCenterService implements PrivacyCenter {

    private static final String CODE_KIND = "request-code";
    private static final String TOO_MANY = "Too many attempts from this address; try again later.";

    private final SecureRandom random = new SecureRandom();

    private final RequestService requests;
    private final CaseFile file;
    private final Cases cases;
    private final Codes codes;
    private final BlindIndex blindIndex;
    // Per node, bounded, refilled whole per hour: form posts and code checks per client IP, codes per address.
    private final KeyedRateLimit perIp;
    private final KeyedRateLimit perAddress;
    private final Mailer mailer;
    private final AccessExports exports;
    private final AuditLog audit;
    private final RequestsProperties properties;
    private final Clock clock;
    private final CaseErasure erasure;

    PrivacyCenterService(RequestService requests, CaseFile file, Cases cases, Codes codes, BlindIndex blindIndex,
            Mailer mailer, AccessExports exports, AuditLog audit, RequestsProperties properties, Clock clock,
            CaseErasure erasure) {
        this.erasure = erasure;
        this.requests = requests;
        this.file = file;
        this.cases = cases;
        this.codes = codes;
        this.blindIndex = blindIndex;
        this.perIp = KeyedRateLimit.refilledWhole(properties.codesPerIp(), Duration.ofHours(1), 100_000);
        this.perAddress = KeyedRateLimit.refilledWhole(properties.codesPerAddress(), Duration.ofHours(1), 100_000);
        this.mailer = mailer;
        this.exports = exports;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public RequestId submit(RequestKind kind, String email, Locale locale, @Nullable String details, String clientIp) {
        perIp.acquire(clientIp, TOO_MANY);
        Requests.Received received = requests.receive(new NewRequest(kind, RequestChannel.WEB_FORM, email, null,
                locale, details));
        RequestCase c = received.request();
        if (c.verifiedAt() == null) {
            sendCode(c);
        }
        return c.id();
    }

    @Override
    @Transactional
    public void resend(RequestId id, String clientIp) {
        perIp.acquire(clientIp, TOO_MANY);
        RequestCase c = requests.get(id);
        if (!c.closed() || c.kind() == RequestKind.ACCESS || c.kind() == RequestKind.PORTABILITY) {
            sendCode(c);
        }
    }

    @Override
    public void awaitAnswerFloor(long startedNanos) {
        long left = properties.answerFloor().toNanos() - (System.nanoTime() - startedNanos);
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sends a code only to the address on file; for anyone else the case waits for a handler. Both paths do the
     * same work in the request (EDPB Guidelines 01/2022: the time of the answer must not tell whether an address is
     * on file): the address is read back and its per-address budget taken, a code drawn and hashed, the case event
     * and an audit entry written, and the code mail rendered, sealed and written to the outbox; for an address not
     * on file that mail is a decoy, discarded in the same transaction, and the code is never stored. The real mail
     * is first tried after the commit off the request's thread ({@link Mailer#sendCode}).
     */
    private void sendCode(RequestCase c) {
        Instant now = clock.instant();
        String email = file.email(c);
        boolean withinBudget = perAddress.tryAcquire(HexFormat.of().formatHex(blindIndex.email(email)));
        String code = "%06d".formatted(random.nextInt(1_000_000));
        byte[] hash = hash(c.id(), code);
        Locale locale = Locale.forLanguageTag(c.language());
        Object[] mailArgs = { code, properties.codeTtl().toMinutes(), file.kindText(c.kind(), c.language()) };
        if (!c.inRegister()) {
            // Not on file: never send anything to an address the requester typed in (Art. 12(6)).
            cases.event(c.id(), now, RequestService.actor().reference(), "verification-by-handler", "address not on file", List.of());
            audit.record(AuditEvent.by(RequestService.actor(), "requests.code.withheld", Outcome.SUCCESS)
                    .withPurpose(RequestService.PURPOSE).withTargets(c.id().reference(), c.subject().reference()));
            mailer.decoyCode(email, locale, mailArgs);
            return;
        }
        if (!withinBudget) {
            cases.event(c.id(), now, RequestService.actor().reference(), "code-limited", null, List.of());
            audit.record(AuditEvent.by(RequestService.actor(), "requests.code.send", Outcome.DENIED)
                    .withPurpose(RequestService.PURPOSE).withTargets(c.id().reference(), c.subject().reference()));
            mailer.decoyCode(email, locale, mailArgs);
            return;
        }
        codes.put(c.id(), hash, now.plus(properties.codeTtl()));
        if (!c.closed() && c.status() == RequestStatus.RECEIVED) {
            cases.status(c.id(), RequestStatus.AWAITING_VERIFICATION, now);
        }
        cases.event(c.id(), now, RequestService.actor().reference(), "code-sent", null, List.of());
        audit.record(AuditEvent.by(RequestService.actor(), "requests.code.send", Outcome.SUCCESS)
                .withPurpose(RequestService.PURPOSE).withTargets(c.id().reference(), c.subject().reference()));
        mailer.sendCode(email, locale, mailArgs);
    }

    @Override
    @Transactional(noRollbackFor = TooManyRequests.class)
    public boolean verify(RequestId id, String code, String clientIp) {
        perIp.acquire(clientIp, TOO_MANY);
        RequestCase c = requests.get(id);
        Optional<Codes.Code> stored = codes.lock(id);
        Instant now = clock.instant();
        String given = code == null ? "" : code.replaceAll("\\s", "");
        if (stored.isEmpty() || stored.get().used() || now.isAfter(stored.get().expiresAt())
                || stored.get().attempts() >= properties.codeAttempts() || !given.matches("\\d{6}")) {
            if (stored.isPresent()) {
                codes.attempted(id);
            }
            refused(c);
            return false;
        }
        codes.attempted(id);
        boolean match = false;
        for (byte[] candidate : blindIndex.candidates(CODE_KIND, id.value() + ":" + given)) {
            match |= MessageDigest.isEqual(candidate, stored.get().hash());
        }
        if (!match) {
            refused(c);
            return false;
        }
        codes.used(id, now);
        audit.record(AuditEvent.by(RequestService.actor(), "requests.code.verify", Outcome.SUCCESS)
                .withPurpose(RequestService.PURPOSE).withTargets(id.reference(), c.subject().reference()));
        if (c.verifiedAt() == null && !c.closed()) {
            RequestCase verified = requests.verified(c, "code");
            // An access request with nothing pending in other systems is answered at once.
            if ((c.kind() == RequestKind.ACCESS || c.kind() == RequestKind.PORTABILITY)
                    && verified.status() == RequestStatus.IN_PROGRESS) {
                requests.complete(id, null);
            }
        }
        return true;
    }

    private void refused(RequestCase c) {
        audit.record(AuditEvent.by(RequestService.actor(), "requests.code.verify", Outcome.DENIED)
                .withTargets(c.id().reference()));
    }

    @Override
    @Transactional(readOnly = true)
    public RequestCase status(RequestId id) {
        return requests.get(id);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ErasureState> erasureState(RequestId id, Locale locale) {
        RequestCase c = requests.get(id);
        if (c.kind() != no.vern.requests.RequestKind.ERASURE || c.status() != no.vern.requests.RequestStatus.COMPLETED) {
            return Optional.empty();
        }
        return Optional.of(erasure.stateNow(c, locale));
    }

    @Override
    @Transactional
    public Optional<Download> download(RequestId id, ExportFormat format) {
        RequestCase c = requests.get(id);
        Optional<Instant> expires = codes.deliveryExpires(id);
        if (expires.isEmpty() || clock.instant().isAfter(expires.get())) {
            return Optional.empty();
        }
        AccessExport export = exports.build(c);
        String base = (c.kind() == RequestKind.PORTABILITY ? "portability-" : "access-") + id;
        return Optional.of(switch (format) {
            case JSON -> new Download(base + ".json", "application/json", exports.json(export));
            case CSV -> new Download(base + "-csv.zip", "application/zip", exports.csvZip(export));
            case HTML -> new Download(base + ".html", "text/html;charset=UTF-8",
                    exports.html(export).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case PDF -> new Download(base + ".pdf", "application/pdf", exports.pdf(export));
        });
    }

    @Override
    @Transactional(readOnly = true)
    public boolean downloadable(RequestId id) {
        return codes.deliveryExpires(id).filter(e -> !clock.instant().isAfter(e)).isPresent();
    }

    private byte[] hash(RequestId id, String code) {
        return blindIndex.of(CODE_KIND, id.value() + ":" + code);
    }
}
