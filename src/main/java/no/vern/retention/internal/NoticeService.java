package no.vern.retention.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.retention.RetentionNotices;
import no.vern.shared.Actor;
import no.vern.shared.Actors;

/**
 * Answers to notices before deletion: "stay in the talent pool" records the talent-pool consent (GDPR
 * Art. 6(1)(a), 7) through the ledger, which then stops the recruitment rule's deletion (its
 * {@code unlessConsent}).
 */
@Service
class NoticeService implements RetentionNotices {

    static final String TALENT_POOL = "talent-pool";
    /** The notice flow (reading the address to mail a notice, recording the answer to its link), as audited. */
    static final Actor NOTICE_ACTOR = Actor.system("retention-notice");

    private final NoticeLinks links;
    private final Notices notices;
    private final ConsentLedger consents;
    private final AuditLog audit;
    private final Clock clock;

    NoticeService(NoticeLinks links, Notices notices, ConsentLedger consents, AuditLog audit, Clock clock) {
        this.links = links;
        this.notices = notices;
        this.consents = consents;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<NoticeView> open(String token) {
        return links.verify(token).flatMap(notices::find)
                .map(n -> new NoticeView(Periods.date(n.dueAt()), n.answeredAt() != null));
    }

    @Override
    public boolean stay(String token, Locale language) {
        Optional<Notices.Notice> notice = links.verify(token).flatMap(notices::find);
        if (notice.isEmpty()) {
            return false;
        }
        Notices.Notice n = notice.get();
        boolean active = consents.current(n.subject(), TALENT_POOL).map(s -> s.activeAt(clock.instant())).orElse(false);
        if (!active) {
            Actors.runAs(NOTICE_ACTOR, () -> consents.give(GiveConsent.of(n.subject(), TALENT_POOL, Channel.WEB_FORM, language)));
        }
        if (notices.answer(n.id(), clock.instant())) {
            audit.record(AuditEvent.by(NOTICE_ACTOR, "retention.notice.answer", Outcome.SUCCESS)
                    .withPurpose(TALENT_POOL).withTargets(n.subject().reference(), "notice:" + n.id()));
        }
        return true;
    }
}
