package no.vern.connectors.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.requests.FanOut;
import no.vern.requests.Operation;
import no.vern.requests.SystemStep;
import no.vern.shared.SubjectId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a fan-out knows about the person, always encrypted (docs/connectors.md): the identifiers under a
 * per-case key (a SubjectCipher key under a synthetic id); what an access collects under the register
 * subject's key when the case has a subject (so erasing the person in Vern also shreds it), under the
 * case key otherwise and for erasure verification. Discarding the case key makes the rest unreadable.
 */
@Component
class CaseData {

    private static final String IDENTIFIERS = "connector-identifiers";
    private static final String DATA = "connector-data";
    private static final TypeReference<Map<String, List<String>>> VALUES = new TypeReference<>() { };

    private final Steps steps;
    private final SubjectCipher cipher;
    private final CryptoShredder shredder;
    private final AuditLog audit;
    private final JsonMapper json;
    private final ConnectorsProperties properties;
    private final Clock clock;

    CaseData(Steps steps, SubjectCipher cipher, CryptoShredder shredder, AuditLog audit, JsonMapper json,
            ConnectorsProperties properties, Clock clock) {
        this.steps = steps;
        this.cipher = cipher;
        this.shredder = shredder;
        this.audit = audit;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores the fan-out's identifiers under the case key (created on first use). */
    void storeIdentifiers(FanOut fanOut, Instant now) {
        storeIdentifiers(List.of(fanOut), now);
    }

    /**
     * Stores the identifiers of many fan-outs, each under its case's key (issue 28 item 8: a purge batch). The cases
     * without a key get fresh ones, generated and stored in the key store in one batched insert and one commit
     * ({@link SubjectCipher#newSubjects}: random new ids, so no shred-ledger look-up), then recorded for their cases in
     * one statement; the ciphertexts are written in one more. A case that got a key concurrently keeps that one (the
     * fresh key then protects nothing).
     */
    void storeIdentifiers(List<FanOut> fanOuts, Instant now) {
        if (fanOuts.isEmpty()) {
            return;
        }
        List<UUID> cases = fanOuts.stream().map(FanOut::caseId).distinct().toList();
        Map<UUID, UUID> keys = steps.caseKeys(cases);
        List<UUID> missing = cases.stream().filter(c -> !keys.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            List<UUID> fresh = cipher.newSubjects(missing.size()).stream().map(SubjectId::value).toList();
            if (fresh.size() != missing.size()) {
                throw new IllegalStateException("The key store stored " + fresh.size() + " of " + missing.size()
                        + " case keys");
            }
            if (steps.insertCaseKeys(missing, fresh, now) == missing.size()) {
                for (int i = 0; i < missing.size(); i++) {
                    keys.put(missing.get(i), fresh.get(i));
                }
            } else {
                keys.putAll(steps.caseKeys(missing)); // another first use of a case won: its key is the case's
            }
        }
        List<byte[]> sealed = fanOuts.stream().map(f -> cipher.encrypt(new SubjectId(Objects.requireNonNull(
                keys.get(f.caseId()))), IDENTIFIERS, identifiersRecord(f.caseId(), f.operation()),
                json.writeValueAsBytes(Map.of("emails", f.emails().stream().sorted().toList(),
                        "phones", f.phones().stream().sorted().toList())))).toList();
        steps.storeIdentifiers(fanOuts.stream().map(FanOut::caseId).toList(),
                fanOuts.stream().map(FanOut::operation).toList(), sealed);
    }

    /** The fan-out's identifiers, decrypted; fails once the case data is discarded. */
    Identifiers identifiers(Steps.FanOutRow fanOut) {
        UUID caseKey = steps.existingCaseKey(fanOut.caseId()).orElseThrow();
        byte[] sealed = fanOut.identifiers();
        if (sealed == null) {
            throw new IllegalStateException("The case's identifiers are already discarded");
        }
        Map<String, List<String>> who = json.readValue(cipher.decrypt(new SubjectId(caseKey), IDENTIFIERS,
                identifiersRecord(fanOut.caseId(), fanOut.operation()), sealed), VALUES);
        return new Identifiers(Set.copyOf(who.getOrDefault("emails", List.of())), Set.copyOf(who.getOrDefault("phones", List.of())));
    }

    /** Stores what a finished step found (nothing for an erasure): under the subject's key for an access, else the case key. */
    void storeCollected(SystemStep step, Steps.FanOutRow fanOut, Found found, Instant now) {
        if (step.operation() != Operation.ERASE && !found.values().isEmpty()) {
            UUID key = step.operation() == Operation.ACCESS && fanOut.subjectId() != null ? fanOut.subjectId()
                    : steps.caseKey(step.caseId(), now);
            steps.storeCollected(step.id(), key, cipher.encrypt(new SubjectId(key), DATA, step.id(),
                    json.writeValueAsBytes(found.values())), now);
        }
    }

    /** What a step collected, decrypted (empty when it stored nothing). */
    Map<String, List<String>> collected(UUID stepId) {
        Optional<Steps.Collected> stored = steps.collected(stepId);
        return stored.isEmpty() ? Map.of()
                : json.readValue(cipher.decrypt(new SubjectId(stored.get().keySubject()), DATA, stepId,
                        stored.get().payload()), VALUES);
    }

    /** Destroys the per-case key (identifiers and case-key data become unreadable everywhere, backups included). */
    void discard(UUID caseId) {
        Optional<UUID> key = steps.existingCaseKey(caseId);
        if (key.isEmpty()) {
            return;
        }
        shredder.shred(new SubjectId(key.get()));
        steps.markCaseKeyDiscarded(caseId, clock.instant());
        audit.record(AuditEvent.by(StepService.actorOrJob(), "connectors.case-data.discard", Outcome.SUCCESS)
                .withTargets("case:" + caseId));
    }

    /** Discards case keys of cases settled longer than the retention (housekeeping job). */
    int discardExpired() {
        Instant now = clock.instant();
        List<UUID> cases = steps.casesToDiscard(now.minus(properties.caseDataRetention()));
        cases.forEach(this::discard);
        steps.forgetSignatures(now.minus(Signatures.REPLAY_WINDOW.multipliedBy(2)));
        return cases.size();
    }

    private static UUID identifiersRecord(UUID caseId, Operation operation) {
        return UUID.nameUUIDFromBytes((caseId + "/" + operation.name()).getBytes(StandardCharsets.UTF_8));
    }
}
