package no.vern.processing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import no.vern.shared.EmailAddresses;

/**
 * Who the controller is, as one value: the settings page and {@code /api/v1/company-profile} edit it, and the
 * policy, every mail (sender and footer), the privacy center and the banner read it. It is stored in the record
 * of processing (the controller and DPO contacts and {@link CompanyDetails}), so it has the record's history.
 *
 * @param legalName the registered name of the controller (GDPR Art. 13(1)(a))
 * @param organisationNumber the 9-digit Norwegian organisation number, if registered
 * @param postalAddress the postal address
 * @param visitingAddress the visiting address, if different
 * @param privacyMailbox where people and staff write about personal data (also the officer's mailbox)
 * @param phone the company's phone number, if published
 * @param website the company's main web address
 * @param dpoName the data protection officer (GDPR Art. 37–39)
 * @param dpoEmail the DPO's address
 * @param dpoPhone the DPO's phone number, if published
 * @param webDomains the domains of the company's websites, main first
 * @param mailSender the sender address of every mail Vern sends
 * @param mailFooter the footer under every mail, in Norwegian and English
 * @param complaintAuthority the supervisory authority (GDPR Art. 13(2)(d))
 */
public record CompanyProfile(String legalName, @Nullable String organisationNumber, @Nullable String postalAddress,
        @Nullable String visitingAddress, String privacyMailbox, @Nullable String phone, @Nullable String website,
        String dpoName, String dpoEmail, @Nullable String dpoPhone, List<String> webDomains, String mailSender,
        LocalizedText mailFooter, ComplaintAuthority complaintAuthority) {

    public CompanyProfile {
        webDomains = webDomains == null ? List.of() : List.copyOf(webDomains);
        mailFooter = mailFooter == null ? new LocalizedText("", "") : mailFooter;
        complaintAuthority = complaintAuthority == null ? ComplaintAuthority.DATATILSYNET : complaintAuthority;
    }

    /**
     * The profile a record holds. A record written before the profile existed has no {@link CompanyDetails}: its
     * sender is then the controller's mailbox, its domain the website's host, its footer the legal name, and its
     * authority Datatilsynet, all derived from what the record does say.
     */
    public static CompanyProfile of(ProcessingRecordDocument doc) {
        Contact c = doc.controller();
        Contact dpo = doc.dataProtectionOfficer();
        CompanyDetails d = doc.company();
        if (d == null) {
            String host = host(c.website());
            return new CompanyProfile(c.name(), c.organisationNumber(), c.address(), null, c.email(), c.phone(),
                    c.website(), dpo.name(), dpo.email(), dpo.phone(), host == null ? List.of() : List.of(host),
                    c.email(), new LocalizedText(c.name(), c.name()), ComplaintAuthority.DATATILSYNET);
        }
        return new CompanyProfile(c.name(), c.organisationNumber(), c.address(), d.visitingAddress(), c.email(),
                c.phone(), c.website(), dpo.name(), dpo.email(), dpo.phone(), d.webDomains(), d.mailSender(),
                d.mailFooter(), d.complaintAuthority());
    }

    /** The record with this profile as its controller, DPO and company block; activities unchanged. */
    public ProcessingRecordDocument applyTo(ProcessingRecordDocument doc) {
        Contact controller = new Contact(legalName, organisationNumber, postalAddress, privacyMailbox, phone, website);
        Contact dpo = new Contact(dpoName, null, null, dpoEmail, dpoPhone, null);
        CompanyDetails details = new CompanyDetails(visitingAddress, webDomains, mailSender, mailFooter,
                complaintAuthority);
        return new ProcessingRecordDocument(controller, dpo, doc.dataCategories(), doc.activities(), doc.security(),
                details);
    }

    /**
     * The profile as stored: text stripped, empty optional fields absent, the organisation number as its 9 digits
     * ("923 456 789" and "NO 923456789 MVA" are accepted as typed), mail addresses in the shared normal form,
     * domains in lower case (duplicates kept, so the rules can name them).
     */
    public CompanyProfile normalised() {
        List<String> domains = new ArrayList<>();
        for (String d : webDomains) {
            String domain = d == null ? "" : d.strip().toLowerCase(Locale.ROOT);
            if (!domain.isEmpty()) {
                domains.add(domain);
            }
        }
        ComplaintAuthority a = complaintAuthority;
        return new CompanyProfile(text(legalName), CompanyProfileRules.normaliseOrganisationNumber(organisationNumber),
                optional(postalAddress), optional(visitingAddress), mail(privacyMailbox), optional(phone),
                optional(website), text(dpoName), mail(dpoEmail), optional(dpoPhone), domains, mail(mailSender),
                new LocalizedText(mailFooter.nb(), mailFooter.en()),
                new ComplaintAuthority(a.name(), a.website(), optional(a.address())));
    }

    /** The domain of the sender address: the organisation's own mail domain (staff mailboxes, task recipients). */
    public String mailDomain() {
        int at = mailSender.lastIndexOf('@');
        return at < 0 ? "" : mailSender.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** The main web domain, or the mail domain when no website is named. */
    public String mainDomain() {
        return webDomains.isEmpty() ? mailDomain() : webDomains.get(0);
    }

    /** The mail footer in a language ({@code en} English, Norwegian otherwise). */
    public String footer(Locale language) {
        return mailFooter.in(language);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static @Nullable String optional(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String mail(@Nullable String value) {
        return value == null ? "" : EmailAddresses.tryNormalise(value).orElse(value.strip());
    }

    private static @Nullable String host(@Nullable String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(website.strip()).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
