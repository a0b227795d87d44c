package no.vern.consent.internal;

import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import no.vern.consent.Channel;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.GiveConsent;
import no.vern.consent.HoldPending;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;

/**
 * In demo mode, on an empty ledger: invented prospects and candidates who consent first and are then
 * entered into the register (the gate now permits it), so the console shows consents working; and two
 * items of data that arrived before consent, waiting for the person's answer.
 */
@Component
class ConsentDemoData implements DemoData {

    private static final Logger log = LoggerFactory.getLogger(ConsentDemoData.class);
    private static final String[][] PROSPECTS = { { "Solveig Aasheim", "solveig.aasheim@example.no" },
            { "Torbjørn Kvamme", "torbjorn.kvamme@example.no" }, { "Ingrid Lyngstad", "ingrid.lyngstad@example.no" },
            { "Halvard Nesheim", "halvard.nesheim@example.no" }, { "Marte Brekkeflat", "marte.brekkeflat@example.no" } };
    private static final String[][] CANDIDATES = { { "Eirik Sæterdal", "eirik.saeterdal@example.no" },
            { "Nora Fjellstad", "nora.fjellstad@example.no" }, { "Jonas Vindenes", "jonas.vindenes@example.no" } };

    private final DemoMode demo;
    private final ConsentService consents;
    private final SubjectRegister register;
    private final PendingService pending;

    ConsentDemoData(DemoMode demo, ConsentService consents, SubjectRegister register, PendingService pending) {
        this.demo = demo;
        this.consents = consents;
        this.register = register;
        this.pending = pending;
    }

    @Override
    public int order() {
        return DemoData.CONSENTS;
    }

    @Override
    public void load() {
        if (!demo.enabled() || !consents.empty()) {
            return;
        }
        for (String[] p : PROSPECTS) {
            enter(SubjectKind.PROSPECT, "prospect-dialogue", Channel.WEB_FORM, p[0], p[1]);
        }
        for (String[] c : CANDIDATES) {
            enter(SubjectKind.CANDIDATE, "recruitment", Channel.WEB_FORM, c[0], c[1]);
        }
        // Data that arrived before consent: a CV by email and a business card, held until the person answers.
        pending.hold(new HoldPending("recruitment", Locale.forLanguageTag("nb"), new PersonalData("Vegard Holmøy",
                "vegard.holmoy@example.no", null, null, null, null, "Systemutvikler, 6 år med Java og Kotlin.", null),
                "text/plain", "CV: Vegard Holmøy, systemutvikler".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        pending.hold(new HoldPending("prospect-dialogue", Locale.ENGLISH,
                PersonalData.contact("Astrid Lindqvist", "astrid.lindqvist@example.se", "+46 70 123 45 67"), null, null));
        log.info("Demo consents recorded: {} prospects, {} candidates, 2 pending items", PROSPECTS.length,
                CANDIDATES.length);
    }

    private void enter(SubjectKind kind, String purpose, Channel channel, String name, String email) {
        ConsentReceipt receipt = consents.give(GiveConsent.of(null, purpose, channel, Locale.forLanguageTag("nb")));
        register.register(new NewSubject(receipt.subject(), Set.of(kind), purpose, Source.SUBJECT, null,
                PersonalData.contact(name, email, null)));
    }
}
