package no.vern.communications.internal;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import no.vern.communications.Campaign;
import no.vern.communications.CampaignDraft;
import no.vern.communications.ListKind;
import no.vern.communications.MailingList;
import no.vern.communications.NewList;
import no.vern.communications.ObjectionChannel;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;
import no.vern.shared.SubjectId;

/**
 * In demo mode, once: invented contacts of existing customers (five, two reading English) on the existing
 * customers' newsletter (soft opt-in, markedsføringsloven § 15 second paragraph: the purpose
 * {@code customer-newsletter} on legitimate interest), the newsletter list, one issue sent through the outbox to the
 * demo mail server, and two objections, so the console shows a report and a chart. Private persons are never put on a
 * newsletter without consent (§ 15 first paragraph).
 */
@Component
class CommunicationsDemoData implements DemoData {

    private static final Logger log = LoggerFactory.getLogger(CommunicationsDemoData.class);
    static final String LIST_NAME = "Fjellvik Innsikt";
    static final String SOFT_OPT_IN = "customer-newsletter";
    private static final String[][] READERS = { { "Kari Nordmo", "kari.nordmo@innsikt.example.no", "nb" },
            { "Ola Fjeldberg", "ola.fjeldberg@innsikt.example.no", "nb" },
            { "Emma Whitfield", "emma.whitfield@insight.example.com", "en" },
            { "Sunniva Rustad", "sunniva.rustad@innsikt.example.no", "nb" },
            { "Liam Carver", "liam.carver@insight.example.com", "en" } };

    private final DemoMode demo;
    private final CommunicationsService communications;
    private final MailingLists lists;
    private final SubjectRegister register;
    private final CampaignSender sender;

    CommunicationsDemoData(DemoMode demo, CommunicationsService communications, MailingLists lists,
            SubjectRegister register, CampaignSender sender) {
        this.demo = demo;
        this.communications = communications;
        this.lists = lists;
        this.register = register;
        this.sender = sender;
    }

    @Override
    public int order() {
        return DemoData.USES;
    }

    @Override
    public void load() {
        if (!demo.enabled() || lists.byName(LIST_NAME).isPresent()) {
            return;
        }
        try {
            List<SubjectId> readers = new java.util.ArrayList<>();
            for (String[] r : READERS) {
                SubjectId id = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), SOFT_OPT_IN,
                        Source.SUBJECT, null, PersonalData.contact(r[0], r[1], null)));
                communications.setLanguage(id, r[2]);
                readers.add(id);
            }
            MailingList list = communications.createList(new NewList(LIST_NAME, ListKind.NEWSLETTER, SOFT_OPT_IN,
                    CommunicationsService.customerKinds()));
            communications.createList(new NewList("Frokostseminar", ListKind.INVITATION, "events",
                    Set.of(SubjectKind.EVENT_PARTICIPANT)));
            Campaign issue = communications.compose(new CampaignDraft(list.id(), "Fjellvik Innsikt: høstens nyheter",
                    "Fjellvik Insight: news this autumn",
                    "Hei {{name}},\n\nHer er høstens nyheter fra Fjellvik: nye fagdager, en ny rapport om skyarkitektur "
                            + "og invitasjon til julefrokost.",
                    "Hi {{name}},\n\nHere is this autumn's news from Fjellvik: new professional days, a new report on "
                            + "cloud architecture and an invitation to our Christmas breakfast."));
            communications.queue(issue.id());
            sender.sendDue();
            communications.object(readers.get(1), list.id(), ObjectionChannel.ONE_CLICK);
            communications.object(readers.get(4), null, ObjectionChannel.PAGE);
            log.info("Communications demo data: 1 list with {} readers, 1 sent issue, 2 objections", READERS.length);
        } catch (RuntimeException e) {
            log.warn("Communications demo data stopped: {}", e.getClass().getSimpleName());
        }
    }
}
