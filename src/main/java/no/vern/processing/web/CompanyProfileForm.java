package no.vern.processing.web;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.processing.CompanyProfile;
import no.vern.processing.ComplaintAuthority;
import no.vern.processing.LocalizedText;

/**
 * The company profile settings form: one field per input (web domains one per line), kept as typed when the
 * page is shown again with errors.
 */
final class CompanyProfileForm {

    private int basedOnVersion;
    private @Nullable String legalName;
    private @Nullable String organisationNumber;
    private @Nullable String postalAddress;
    private @Nullable String visitingAddress;
    private @Nullable String privacyMailbox;
    private @Nullable String phone;
    private @Nullable String website;
    private @Nullable String dpoName;
    private @Nullable String dpoEmail;
    private @Nullable String dpoPhone;
    private @Nullable String webDomains;
    private @Nullable String mailSender;
    private @Nullable String mailFooterNb;
    private @Nullable String mailFooterEn;
    private @Nullable String complaintAuthorityNb;
    private @Nullable String complaintAuthorityEn;
    private @Nullable String complaintAuthorityWebsite;
    private @Nullable String complaintAuthorityAddress;
    private @Nullable String changeNote;

    /** The form filled from the current profile. */
    static CompanyProfileForm of(CompanyProfile p, int version) {
        CompanyProfileForm f = new CompanyProfileForm();
        f.basedOnVersion = version;
        f.legalName = p.legalName();
        f.organisationNumber = p.organisationNumber();
        f.postalAddress = p.postalAddress();
        f.visitingAddress = p.visitingAddress();
        f.privacyMailbox = p.privacyMailbox();
        f.phone = p.phone();
        f.website = p.website();
        f.dpoName = p.dpoName();
        f.dpoEmail = p.dpoEmail();
        f.dpoPhone = p.dpoPhone();
        f.webDomains = String.join("\n", p.webDomains());
        f.mailSender = p.mailSender();
        f.mailFooterNb = p.mailFooter().nb();
        f.mailFooterEn = p.mailFooter().en();
        f.complaintAuthorityNb = p.complaintAuthority().name().nb();
        f.complaintAuthorityEn = p.complaintAuthority().name().en();
        f.complaintAuthorityWebsite = p.complaintAuthority().website();
        f.complaintAuthorityAddress = p.complaintAuthority().address();
        return f;
    }

    /** The profile as typed, normalised (stripped, organisation number as digits); the rules are checked after. */
    CompanyProfile toProfile() {
        List<String> domains = webDomains == null ? List.of()
                : Arrays.stream(webDomains.split("[\\s,;]+")).filter(d -> !d.isBlank()).toList();
        return new CompanyProfile(s(legalName), organisationNumber, postalAddress, visitingAddress, s(privacyMailbox),
                phone, website, s(dpoName), s(dpoEmail), dpoPhone, domains, s(mailSender),
                new LocalizedText(s(mailFooterNb), s(mailFooterEn)),
                new ComplaintAuthority(new LocalizedText(s(complaintAuthorityNb), s(complaintAuthorityEn)),
                        s(complaintAuthorityWebsite), complaintAuthorityAddress)).normalised();
    }

    private static String s(@Nullable String value) {
        return value == null ? "" : value;
    }

    public int getBasedOnVersion() { return basedOnVersion; }
    public void setBasedOnVersion(int v) { basedOnVersion = v; }
    public @Nullable String getLegalName() { return legalName; }
    public void setLegalName(@Nullable String v) { legalName = v; }
    public @Nullable String getOrganisationNumber() { return organisationNumber; }
    public void setOrganisationNumber(@Nullable String v) { organisationNumber = v; }
    public @Nullable String getPostalAddress() { return postalAddress; }
    public void setPostalAddress(@Nullable String v) { postalAddress = v; }
    public @Nullable String getVisitingAddress() { return visitingAddress; }
    public void setVisitingAddress(@Nullable String v) { visitingAddress = v; }
    public @Nullable String getPrivacyMailbox() { return privacyMailbox; }
    public void setPrivacyMailbox(@Nullable String v) { privacyMailbox = v; }
    public @Nullable String getPhone() { return phone; }
    public void setPhone(@Nullable String v) { phone = v; }
    public @Nullable String getWebsite() { return website; }
    public void setWebsite(@Nullable String v) { website = v; }
    public @Nullable String getDpoName() { return dpoName; }
    public void setDpoName(@Nullable String v) { dpoName = v; }
    public @Nullable String getDpoEmail() { return dpoEmail; }
    public void setDpoEmail(@Nullable String v) { dpoEmail = v; }
    public @Nullable String getDpoPhone() { return dpoPhone; }
    public void setDpoPhone(@Nullable String v) { dpoPhone = v; }
    public @Nullable String getWebDomains() { return webDomains; }
    public void setWebDomains(@Nullable String v) { webDomains = v; }
    public @Nullable String getMailSender() { return mailSender; }
    public void setMailSender(@Nullable String v) { mailSender = v; }
    public @Nullable String getMailFooterNb() { return mailFooterNb; }
    public void setMailFooterNb(@Nullable String v) { mailFooterNb = v; }
    public @Nullable String getMailFooterEn() { return mailFooterEn; }
    public void setMailFooterEn(@Nullable String v) { mailFooterEn = v; }
    public @Nullable String getComplaintAuthorityNb() { return complaintAuthorityNb; }
    public void setComplaintAuthorityNb(@Nullable String v) { complaintAuthorityNb = v; }
    public @Nullable String getComplaintAuthorityEn() { return complaintAuthorityEn; }
    public void setComplaintAuthorityEn(@Nullable String v) { complaintAuthorityEn = v; }
    public @Nullable String getComplaintAuthorityWebsite() { return complaintAuthorityWebsite; }
    public void setComplaintAuthorityWebsite(@Nullable String v) { complaintAuthorityWebsite = v; }
    public @Nullable String getComplaintAuthorityAddress() { return complaintAuthorityAddress; }
    public void setComplaintAuthorityAddress(@Nullable String v) { complaintAuthorityAddress = v; }
    public @Nullable String getChangeNote() { return changeNote; }
    public void setChangeNote(@Nullable String v) { changeNote = v; }
}
