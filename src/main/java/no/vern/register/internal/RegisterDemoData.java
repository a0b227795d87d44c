package no.vern.register.internal;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.PostalAddress;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;

/**
 * In demo mode, an empty register gets invented customer and partner contacts (all names, companies
 * and numbers are made up; {@code example.no} domains) so a newcomer sees the register working.
 * No prospects or candidates: they need consent, which the consent module adds.
 */
@Component
class RegisterDemoData implements DemoData {

    private static final Logger log = LoggerFactory.getLogger(RegisterDemoData.class);

    /** An invented company; the org numbers pass the mod-11 check but are made up. */
    private record Company(String name, String orgNumber, String address, String domain, SubjectKind kind,
            String purpose) {
    }

    private static final List<Company> COMPANIES = List.of(
            new Company("Fjordlys Rørlegger AS", "923456783", "Kaigata 4, 5016 Bergen", "fjordlys.example.no",
                    SubjectKind.CUSTOMER_CONTACT, "customer-administration"),
            new Company("Nordavind Logistikk AS", "934567811", "Havnegata 12, 9008 Tromsø", "nordavind.example.no",
                    SubjectKind.CUSTOMER_CONTACT, "customer-administration"),
            new Company("Granskog Energi AS", "812345680", "Skogveien 88, 2317 Hamar", "granskog.example.no",
                    SubjectKind.CUSTOMER_CONTACT, "customer-administration"),
            new Company("Kystbyen Kommunikasjon AS", "998877660", "Strandkaien 3, 4005 Stavanger",
                    "kystbyen.example.no", SubjectKind.PARTNER_CONTACT, "partner-management"),
            new Company("Solsiden Data AS", "928374653", "Brattørkaia 17, 7010 Trondheim", "solsiden.example.no",
                    SubjectKind.PARTNER_CONTACT, "partner-management"));

    private static final String[] FIRST = { "Ingrid", "Lars", "Solveig", "Eirik", "Marte", "Håkon", "Sigrid", "Torbjørn",
            "Åse", "Vegard", "Hanne", "Øyvind", "Ragnhild", "Sindre", "Tuva", "Jørgen", "Live", "Magnus", "Synnøve",
            "Anders", "Kristin", "Petter", "Guro", "Espen", "Maren" };
    private static final String[] LAST = { "Bakken", "Haugland", "Lie", "Strand", "Moen", "Aasen", "Dahl", "Berg",
            "Nygård", "Eide", "Solheim", "Vik", "Holm", "Lunde", "Rønning" };
    private static final String[] ACCOUNTS = { "15031234562", "12076543214", "97101112229", "30001234567",
            "12549876542" };

    private final DemoMode demo;
    private final Subjects subjects;
    private final SubjectRegister register;

    RegisterDemoData(DemoMode demo, Subjects subjects, SubjectRegister register) {
        this.demo = demo;
        this.subjects = subjects;
        this.register = register;
    }

    @Override
    public int order() {
        return DemoData.PEOPLE;
    }

    @Override
    public void load() {
        if (!demo.enabled() || subjects.countAll() > 0) {
            return;
        }
        int created = 0;
        try {
            for (int i = 0; i < 25; i++) {
                Company company = COMPANIES.get(i % COMPANIES.size());
                String first = FIRST[i];
                String last = LAST[(i * 7) % LAST.length];
                String email = ascii(first) + "." + ascii(last) + "@" + company.domain();
                String phone = "+47 9" + (10 + i) + " " + (20 + i) + " " + (100 + i * 3);
                boolean customer = company.kind() == SubjectKind.CUSTOMER_CONTACT;
                Set<SubjectKind> kinds = customer && i % 4 == 3 ? Set.of(SubjectKind.CUSTOMER_EMPLOYEE)
                        : Set.of(company.kind());
                PostalAddress address = i % 3 == 0 ? new PostalAddress("Postboks " + (100 + i), company.address()
                        .replaceAll(".*, (\\d{4}) .*", "$1"), company.address().replaceAll(".*\\d{4} ", ""), "NO") : null;
                String purchases = customer && i % 2 == 0 ? "2026-03: Rammeavtale konsulenttjenester, 1 200 timer\n"
                        + "2026-09: Tilleggsbestilling arkitekturgjennomgang" : null;
                String account = customer && i % 5 == 0 ? ACCOUNTS[i / 5 % ACCOUNTS.length] : null;
                register.register(new NewSubject(null, kinds, company.purpose(), Source.CUSTOMER,
                        new OrganisationInput(company.name(), company.orgNumber(), company.address()),
                        new PersonalData(first + " " + last, email, phone, address, purchases, account, null, null)));
                created++;
            }
            log.info("Register demo data: {} invented contacts in {} invented organisations", created, COMPANIES.size());
        } catch (RuntimeException e) {
            log.warn("Register demo data stopped after {} contacts: {}", created, e.getClass().getSimpleName());
        }
    }

    private static String ascii(String name) {
        return name.toLowerCase().replace("å", "a").replace("ø", "o").replace("æ", "ae");
    }
}
