package no.vern.requests.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.register.RecordView;
import no.vern.register.Restrictions;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectRestricted;
import no.vern.requests.RequestCase;
import no.vern.shared.Actors;
import no.vern.shared.VernClock;

/**
 * The effect of completing an erasure request (GDPR Art. 17): the subject is crypto-shredded unless a
 * legal duty holds (Art. 17(3)(b), e.g. bookkeeping: invoices and their basis 5 years after the end of
 * the accounting year), when the data is restricted with the reason and the release date instead;
 * either way a signed certificate records what was erased, what was kept and the re-run search.
 */
@Component
class CaseErasure {

    static final String BOOKKEEPING_PURPOSE = "customer-administration";
    static final Set<String> BOOKKEEPING_CATEGORIES = Set.of("purchase-history", "bank-information");
    static final int BOOKKEEPING_YEARS = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    private final SubjectRegister register;
    private final Restrictions restrictions;
    private final ProcessingRecord record;
    private final ErasureCertification certification;
    private final RecipientsInformed recipients;
    private final Cases cases;
    private final Mailer mailer;
    private final Clock clock;

    CaseErasure(SubjectRegister register, Restrictions restrictions, ProcessingRecord record, ErasureCertification certification,
            RecipientsInformed recipients, Cases cases, Mailer mailer, Clock clock) {
        this.register = register;
        this.restrictions = restrictions;
        this.record = record;
        this.certification = certification;
        this.recipients = recipients;
        this.cases = cases;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Erases (or restricts under a legal duty) and returns the explanation for the person. */
    String erase(RequestCase c, Locale locale, String email) {
        if (!c.inRegister() || register.isErased(c.subject())) {
            return mailer.text("requests.erasure.nothingHeld", locale);
        }
        List<String> duties = new ArrayList<>();
        List<Map<String, Object>> kept = new ArrayList<>();
        Set<String> categories = new TreeSet<>();
        Set<String> heldPurposes = new LinkedHashSet<>();
        for (Purpose p : record.current().document().purposes()) {
            List<RecordView> held;
            try {
                held = Actors.runAs(RequestService.actor(), () -> register.read(c.subject(), p.key())).records();
            } catch (SubjectRestricted e) {
                return mailer.text("requests.erasure.alreadyRestricted", locale);
            }
            if (held.isEmpty()) {
                continue;
            }
            held.forEach(r -> categories.add(r.category()));
            heldPurposes.add(p.key());
            boolean bookkeeping = BOOKKEEPING_PURPOSE.equals(p.key()) && held.stream()
                    .anyMatch(r -> BOOKKEEPING_CATEGORIES.contains(r.category()));
            if (p.legalBasis() == LegalBasis.LEGAL_OBLIGATION || bookkeeping) {
                duties.add(p.name().in(locale));
                kept.add(Map.of("purpose", p.key(), "categories", held.stream().map(RecordView::category).distinct().toList(),
                        "duty", "bookkeeping (Bokføringsloven § 13): 5 years after the end of the accounting year; GDPR Art. 17(3)(b)"));
            }
        }
        if (!duties.isEmpty()) {
            int year = clock.instant().atZone(VernClock.ZONE).getYear();
            LocalDate release = LocalDate.of(year + BOOKKEEPING_YEARS, 12, 31);
            restrictions.restrict(c.subject(), "Erasure request " + c.id()
                    + ": kept under a legal duty (bookkeeping, 5 years after the accounting year; GDPR Art. 17(3)(b))", release);
            cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "restricted-instead-of-erased",
                    "release " + release);
            List<Map<String, Object>> keptWithDate = kept.stream().<Map<String, Object>>map(k -> {
                Map<String, Object> m = new LinkedHashMap<>(k);
                m.put("releaseOn", release.toString());
                return m;
            }).toList();
            return mailer.text("requests.erasure.kept", locale, String.join(", ", duties), DAY.format(release))
                    + recipients.of(c, heldPurposes, locale) + certificate(c, List.of(), keptWithDate, locale, email);
        }
        Actors.runAs(RequestService.actor(), () -> register.erase(c.subject()));
        cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "erased", null);
        return mailer.text("requests.erasure.done", locale) + recipients.of(c, heldPurposes, locale)
                + certificate(c, List.copyOf(categories), List.of(), locale, email);
    }

    /**
     * Verifiable erasure: the connected systems get an erasure and a verification fan-out, and the signed
     * certificate follows once every step has settled ({@link ErasureCertification}); returns the text for the mail.
     */
    private String certificate(RequestCase c, List<String> erased, List<Map<String, Object>> kept, Locale locale,
            String email) {
        return certification.await(c, erased, kept, locale, email);
    }
}
