package no.vern.requests.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecord;
import no.vern.register.ErasureOutcome;
import no.vern.register.KeptCategory;
import no.vern.register.Restrictions;
import no.vern.register.RetentionView;
import no.vern.register.SubjectRegister;
import no.vern.requests.PrivacyCenter;
import no.vern.requests.RequestCase;
import no.vern.retention.LegalDuties;
import no.vern.retention.LegalDuty;
import no.vern.shared.Actors;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;

/**
 * The effect of completing an erasure request (GDPR Art. 17): every category of data that no legal duty holds is
 * erased now (the subject is crypto-shredded when nothing is left); only the categories a duty still holds are
 * kept (Art. 17(3)(b)), restricted (Art. 18), each with the law and the release date the retention rules give
 * ({@link LegalDuties}, the one source of the duties). The answer lists what was erased and what was kept, under
 * which law and until when, from the register's outcome; a signed certificate records the same.
 */
@Component
class CaseErasure {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    private final SubjectRegister register;
    private final Restrictions restrictions;
    private final LegalDuties duties;
    private final RetentionView held;
    private final ProcessingRecord record;
    private final ErasureCertification certification;
    private final Cases cases;
    private final Mailer mailer;
    private final Clock clock;

    CaseErasure(SubjectRegister register, Restrictions restrictions, RetentionView held, LegalDuties duties,
            ProcessingRecord record, ErasureCertification certification, Cases cases,
            Mailer mailer, Clock clock) {
        this.held = held;
        this.register = register;
        this.restrictions = restrictions;
        this.duties = duties;
        this.record = record;
        this.certification = certification;
        this.cases = cases;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** What an erasure did, for the answer, and for the Art. 19 tasks ({@link RecipientNotices}). */
    static final class Effect {
        /** The purposes the erased subjects' data was held for. */
        final Set<String> purposes = new LinkedHashSet<>();
        /** The certificate paragraphs issued at once (no system steps to wait for). */
        final List<String> certificates = new java.util.ArrayList<>();
    }

    /**
     * Erases what no duty holds, keeps (restricted) what one does, and returns the explanation for the person; the
     * affected purposes and any certificate issued at once go into {@code effect}.
     */
    String erase(RequestCase c, Locale locale, String email, Effect effect) {
        if (!c.inRegister() || register.isErased(c.subject())) {
            return mailer.text("requests.erasure.nothingHeld", locale);
        }
        LocalDate today = clock.instant().atZone(VernClock.ZONE).toLocalDate();
        Map<String, LegalDuty> kept = new TreeMap<>(); // purpose/category -> the duty that holds longest
        Set<String> heldPurposes = new LinkedHashSet<>();
        if (restrictions.restriction(c.subject()).map(r -> !r.kept().isEmpty()).orElse(false)) {
            return alreadyRestricted(c, locale); // an earlier erasure left only what a duty holds
        }
        // The decision needs categories, purposes and dates, never values: no read of personal data, and an
        // Art. 18 restriction (which limits use, not storage) does not stand in the way of erasure.
        for (RetentionView.HeldRecord r : held.heldBy(c.subject())) {
            for (String purpose : r.purposes()) {
                heldPurposes.add(purpose);
                duties.heldUnder(purpose, r.category(), r.collectedAt()).filter(d -> d.holdsOn(today))
                        .ifPresent(d -> kept.merge(purpose + "/" + r.category(), d,
                                (a, b) -> a.keptUntil().isAfter(b.keptUntil()) ? a : b));
            }
        }
        List<KeptCategory> keep = kept.values().stream()
                .map(d -> new KeptCategory(d.purposeKey(), d.category(), d.act(), d.keptUntil())).toList();
        ErasureOutcome outcome = Actors.runAs(RequestService.actor(), () -> register.eraseKeeping(c.subject(),
                "Erasure request " + c.id() + ": kept only what a legal duty holds (GDPR Art. 17(3)(b))", keep));
        String answer;
        if (outcome.shredded()) {
            cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "erased", null, List.of());
            answer = mailer.text("requests.erasure.done", locale);
        } else {
            cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "erased-except-kept",
                    "erased " + String.join(",", outcome.erasedCategories()) + "; kept " + outcome.kept().stream()
                            .map(k -> k.purposeKey() + "/" + k.category() + " until " + k.releaseOn()).toList(),
                    keptArgs(outcome));
            answer = keptAnswer(outcome, kept, locale);
        }
        effect.purposes.addAll(heldPurposes);
        String certificate = certificate(c, outcome, locale, email).strip();
        if (!certificate.isEmpty() && !certification.waiting(c.id())) {
            effect.certificates.add(certificate);
        }
        return answer;
    }

    /** The person's answer for a partial erasure, derived from the register's outcome (rule 1: say what happened). */
    private String keptAnswer(ErasureOutcome outcome, Map<String, LegalDuty> duties, Locale locale) {
        StringBuilder text = new StringBuilder();
        if (!outcome.erasedCategories().isEmpty()) {
            text.append(mailer.text("requests.erasure.partial.erased", locale,
                    String.join(", ", outcome.erasedCategories().stream().map(k -> categoryName(k, locale)).toList())))
                    .append("\n\n");
        }
        text.append(mailer.text("requests.erasure.partial.kept", locale));
        for (KeptCategory k : outcome.kept()) {
            LegalDuty duty = duties.get(k.purposeKey() + "/" + k.category());
            String law = duty == null ? k.ground() : this.duties.describe(duty, locale);
            text.append("\n- ").append(mailer.text("requests.erasure.partial.keptLine", locale, categoryName(k.category(), locale),
                    purposeName(k.purposeKey(), locale), law, DAY.format(k.releaseOn())));
        }
        return text.toString();
    }

    /** Already restricted: what is kept and until when, from the stored restriction. */
    private String alreadyRestricted(RequestCase c, Locale locale) {
        List<KeptCategory> kept = restrictions.restriction(c.subject()).map(r -> r.kept()).orElse(List.of());
        if (kept.isEmpty()) {
            return mailer.text("requests.erasure.alreadyRestricted", locale);
        }
        StringBuilder text = new StringBuilder(mailer.text("requests.erasure.alreadyKept", locale));
        for (KeptCategory k : kept) {
            text.append("\n- ").append(mailer.text("requests.erasure.partial.keptLine", locale, categoryName(k.category(), locale),
                    purposeName(k.purposeKey(), locale), k.ground(), DAY.format(k.releaseOn())));
        }
        return text.toString();
    }

    /**
     * What the register holds now for a completed erasure case, for the privacy-center case page (rule 1: derived
     * from the state at the time of reading, so a category released by {@code restriction-release} no longer shows
     * as kept): for every subject the case acted on, each category still kept under a legal duty with its law and
     * last kept day, and whether every subject is erased.
     */
    PrivacyCenter.ErasureState stateNow(RequestCase c, Locale locale) {
        Set<SubjectId> subjects = new LinkedHashSet<>();
        if (c.inRegister()) {
            subjects.add(c.subject());
        }
        subjects.addAll(cases.subjects(c.id()));
        List<String> lines = new java.util.ArrayList<>();
        boolean allErased = true;
        for (SubjectId s : subjects) {
            if (register.isErased(s)) {
                continue;
            }
            allErased = false;
            for (KeptCategory k : restrictions.restriction(s).map(r -> r.kept()).orElse(List.of())) {
                lines.add(mailer.text("requests.erasure.partial.keptLine", locale, categoryName(k.category(), locale),
                        purposeName(k.purposeKey(), locale), k.ground(), DAY.format(k.releaseOn())));
            }
        }
        return new PrivacyCenter.ErasureState(allErased, lines);
    }

    /** The history's arguments of an erasure that kept some categories: what was erased, then each kept one. */
    private static List<String> keptArgs(ErasureOutcome outcome) {
        List<String> args = new java.util.ArrayList<>();
        args.add("category:" + String.join(",", outcome.erasedCategories()));
        outcome.kept().forEach(k -> {
            args.add("purpose:" + k.purposeKey());
            args.add("category:" + k.category());
            args.add(k.releaseOn().toString());
        });
        return args;
    }

    private String categoryName(String key, Locale locale) {
        return record.current().document().dataCategory(key).map(d -> d.name().in(locale)).orElse(key);
    }

    private String purposeName(String key, Locale locale) {
        return record.current().document().purposes().stream().filter(p -> p.key().equals(key)).findFirst()
                .map(p -> p.name().in(locale)).orElse(key);
    }

    /**
     * Verifiable erasure: the connected systems get an erasure and a verification fan-out, and the signed
     * certificate follows once every step has settled ({@link ErasureCertification}); returns the text for the mail.
     */
    private String certificate(RequestCase c, ErasureOutcome outcome, Locale locale, String email) {
        List<Map<String, Object>> kept = outcome.kept().stream().<Map<String, Object>>map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("purpose", k.purposeKey());
            m.put("category", k.category());
            m.put("duty", k.ground() + "; GDPR Art. 17(3)(b)");
            m.put("releaseOn", k.releaseOn().toString());
            return m;
        }).toList();
        String method = outcome.shredded()
                ? "crypto-shredding (per-subject AES-256-GCM data key destroyed, recorded in the shred ledger)"
                : "records of the erased categories deleted; the kept categories stay encrypted under the subject's key,"
                        + " restricted, until their release dates";
        return certification.await(c, outcome.erasedCategories(), kept, method, locale, email);
    }
}
